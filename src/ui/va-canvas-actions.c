/* va-canvas-actions.c — the canvas's class actions and their key bindings
 *
 * Menus, shortcuts and tests name "canvas.zoom-in", "canvas.delete" and so
 * on; this file maps each name to what the canvas does. The context menu's
 * own actions are in va-canvas-menu.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "va-canvas-private.h"

static gboolean
popover_open (VaCanvas *self)
{
  return gtk_widget_get_visible (self->popover);
}

static void
zoom_step (VaCanvas *self,
           double    factor)
{
  va_canvas_zoom_at (self, self->zoom * factor,
                     gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                     gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

static void
action_cb (GtkWidget  *widget,
           const char *name,
           GVariant   *parameter)
{
  VaCanvas *self = VA_CANVAS (widget);

  if (g_str_equal (name, "canvas.zoom-in"))
    zoom_step (self, 1.25);
  else if (g_str_equal (name, "canvas.zoom-out"))
    zoom_step (self, 1 / 1.25);
  else if (g_str_equal (name, "canvas.zoom-reset"))
    zoom_step (self, 1.0 / self->zoom);
  else if (g_str_equal (name, "canvas.zoom-fit"))
    va_canvas_zoom_fit (self);
  else if (g_str_equal (name, "canvas.tidy"))
    va_canvas_tidy (self);
  else if (g_str_equal (name, "canvas.delete"))
    va_canvas_delete_selection (self);
  else if (g_str_equal (name, "canvas.copy"))
    va_canvas_copy (self);
  else if (g_str_equal (name, "canvas.cut"))
    {
      va_canvas_copy (self);
      va_canvas_delete_selection (self);
    }
  else if (g_str_equal (name, "canvas.paste"))
    va_canvas_paste (self);
  else if (g_str_equal (name, "canvas.select-all"))
    {
      for (guint i = 0; i < self->cards->len; i++)
        ((VaCanvasCard *) g_ptr_array_index (self->cards, i))->selected = TRUE;
      if (self->selected == NULL && self->cards->len > 0)
        va_canvas_set_primary (self, g_ptr_array_index (self->cards, 0));
      va_canvas_selection_changed (self);
    }
  else if (g_str_equal (name, "canvas.unselect"))
    {
      /* Escape during a drag cancels the drag (the gesture's "cancel" resets it). */
      if (self->drag != VA_CANVAS_DRAG_NONE)
        va_canvas_cancel_drag (self);
      else
        va_canvas_clear_selection (self);
    }
  else if (g_str_equal (name, "canvas.activate"))
    {
      if (self->selected != NULL)
        va_canvas_activate (self);
    }
  else if (g_str_equal (name, "canvas.move-focus"))
    {
      int dx, dy;

      g_variant_get (parameter, "(ii)", &dx, &dy);
      va_canvas_move_focus (self, dx, dy);
    }
  else if (g_str_equal (name, "canvas.insert"))
    {
      VaNodeKind kind;
      VaCanvasCard *card = va_canvas_card_for_node (self, self->selected);

      if (!va_node_kind_from_string (g_variant_get_string (parameter, NULL), &kind))
        return;
      va_canvas_insert (self, card, -1, kind);
    }
  else if (g_str_equal (name, "canvas.insert-at"))
    {
      const char *source, *kind_nick;
      guint32 port;
      VaNodeKind kind;
      VaCanvasCard *card;

      g_variant_get (parameter, "(&su&s)", &source, &port, &kind_nick);
      if (popover_open (self))
        gtk_popover_popdown (GTK_POPOVER (self->popover));
      card = va_canvas_find_card (self, source);
      if (card == NULL || port >= card->ports->len ||
          !va_node_kind_from_string (kind_nick, &kind))
        return;
      va_canvas_insert (self, card, (int) port, kind);
    }
}

static void
add_binding (GtkWidgetClass  *widget_class,
             guint            keyval,
             GdkModifierType  mods,
             const char      *action)
{
  gtk_widget_class_add_binding_action (widget_class, keyval, mods, action, NULL);
}

void
va_canvas_class_init_actions (GtkWidgetClass *widget_class)
{
  static const char * const plain_actions[] = {
    "canvas.zoom-in", "canvas.zoom-out", "canvas.zoom-reset", "canvas.zoom-fit", "canvas.tidy",
    "canvas.delete", "canvas.copy", "canvas.cut", "canvas.paste", "canvas.select-all",
    "canvas.unselect", "canvas.activate",
  };
  static const struct { guint key; int dx, dy; } arrows[] = {
    { GDK_KEY_Left, -1, 0 }, { GDK_KEY_Right, 1, 0 }, { GDK_KEY_Up, 0, -1 }, { GDK_KEY_Down, 0, 1 },
    { GDK_KEY_KP_Left, -1, 0 }, { GDK_KEY_KP_Right, 1, 0 }, { GDK_KEY_KP_Up, 0, -1 },
    { GDK_KEY_KP_Down, 0, 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (plain_actions); i++)
    gtk_widget_class_install_action (widget_class, plain_actions[i], NULL, action_cb);
  gtk_widget_class_install_action (widget_class, "canvas.insert", "s", action_cb);
  gtk_widget_class_install_action (widget_class, "canvas.insert-at", "(sus)", action_cb);
  gtk_widget_class_install_action (widget_class, "canvas.move-focus", "(ii)", action_cb);

  add_binding (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "canvas.zoom-in");
  add_binding (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "canvas.zoom-in");
  add_binding (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "canvas.zoom-in");
  add_binding (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "canvas.zoom-out");
  add_binding (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "canvas.zoom-out");
  add_binding (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "canvas.zoom-reset");
  add_binding (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "canvas.zoom-reset");
  add_binding (widget_class, GDK_KEY_Home, 0, "canvas.zoom-fit");
  add_binding (widget_class, GDK_KEY_Delete, 0, "canvas.delete");
  add_binding (widget_class, GDK_KEY_KP_Delete, 0, "canvas.delete");
  add_binding (widget_class, GDK_KEY_BackSpace, 0, "canvas.delete");
  add_binding (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, "canvas.copy");
  add_binding (widget_class, GDK_KEY_x, GDK_CONTROL_MASK, "canvas.cut");
  add_binding (widget_class, GDK_KEY_v, GDK_CONTROL_MASK, "canvas.paste");
  add_binding (widget_class, GDK_KEY_a, GDK_CONTROL_MASK, "canvas.select-all");
  add_binding (widget_class, GDK_KEY_Escape, 0, "canvas.unselect");
  add_binding (widget_class, GDK_KEY_Return, 0, "canvas.activate");
  add_binding (widget_class, GDK_KEY_KP_Enter, 0, "canvas.activate");
  add_binding (widget_class, GDK_KEY_space, 0, "canvas.activate");
  for (guint i = 0; i < G_N_ELEMENTS (arrows); i++)
    gtk_widget_class_add_binding_action (widget_class, arrows[i].key, 0, "canvas.move-focus",
                                         "(ii)", arrows[i].dx, arrows[i].dy);
}
