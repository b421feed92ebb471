/* va-canvas-menu.c — the canvas's context menu and the actions only it needs
 *
 * A right-click (or Shift+F10 and the Menu key, on the focused node) opens a
 * GtkPopoverMenu whose model is built for what is under the pointer: a node,
 * a connection or a port, or empty canvas. Its items only name actions of
 * the "canvas" group, the same ones the shortcuts and the "+" buttons use,
 * so what is enabled follows va_canvas_update_actions().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "va-canvas-private.h"

/* ---- what is under the pointer --------------------------------------------------------------- */

static double
segment_distance (double px,
                  double py,
                  double ax,
                  double ay,
                  double bx,
                  double by)
{
  double dx = bx - ax, dy = by - ay;
  double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? CLAMP (((px - ax) * dx + (py - ay) * dy) / len2, 0, 1) : 0;

  return hypot (px - (ax + t * dx), py - (ay + t * dy));
}

/**
 * va_canvas_hit_test_edge:
 * @self: a canvas
 * @widget_x: a point in widget coordinates
 * @widget_y:
 * @port: (out): the port of the returned card the edge leaves from
 *
 * Finds the connection drawn under a point, within a few pixels of its curve. Only for a
 * right-click: it walks every edge.
 *
 * Returns: (nullable): the card the edge leaves
 */
VaCanvasCard *
va_canvas_hit_test_edge (VaCanvas *self,
                         double    widget_x,
                         double    widget_y,
                         guint    *port)
{
  const guint steps = 24;
  double mx, my, tolerance;

  va_canvas_update_geometry (self);
  mx = va_canvas_to_model_x (self, widget_x);
  my = va_canvas_to_model_y (self, widget_y);
  tolerance = 6 / self->zoom;

  for (guint i = self->cards->len; i-- > 0;)
    {
      VaCanvasCard *card = g_ptr_array_index (self->cards, i);

      for (guint j = 0; j < card->edges->len; j++)
        {
          VaCanvasEdge *e = &g_array_index (card->edges, VaCanvasEdge, j);
          double x0 = e->sx, y0 = e->sy;
          graphene_rect_t near;

          if (e->target == NULL)
            continue;
          graphene_rect_inset_r (&e->bounds, -tolerance, -tolerance, &near);
          if (!graphene_rect_contains_point (&near, &GRAPHENE_POINT_INIT (mx, my)))
            continue;
          for (guint k = 1; k <= steps; k++)
            {
              double x1, y1;

              va_canvas_edge_point (e, k / (double) steps, &x1, &y1);
              if (segment_distance (mx, my, x0, y0, x1, y1) <= tolerance)
                {
                  *port = j;
                  return card;
                }
              x0 = x1;
              y0 = y1;
            }
        }
    }
  return NULL;
}

/* ---- the menu models ------------------------------------------------------------------------- */

static void
append_item (GMenu      *menu,
             const char *label,
             const char *action,
             const char *accel)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, action);

  /* Shown beside the label; the bindings themselves are the widget class's. */
  if (accel != NULL)
    g_menu_item_set_attribute (item, "accel", "s", accel);
  g_menu_append_item (menu, item);
}

static void
append_section (GMenu *menu,
                GMenu *section)
{
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_object_unref (section);
}

/* The node kinds, as the "+" buttons offer them: after a port (@source), or at a point. */
static GMenuModel *
kinds_menu (const char *source,
            guint       port,
            int         x,
            int         y)
{
  GMenu *menu = g_menu_new ();

  for (guint kind = 0; kind < VA_N_NODE_KINDS; kind++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (va_node_kind_get_display_name (kind), NULL);
      const char *nick = va_node_kind_to_string (kind);

      if (source != NULL)
        g_menu_item_set_action_and_target_value (item, "canvas.insert-at",
                                                 g_variant_new ("(sus)", source, port, nick));
      else
        g_menu_item_set_action_and_target_value (item, "canvas.add-node",
                                                 g_variant_new ("(sii)", nick, x, y));
      g_menu_append_item (menu, item);
    }
  return G_MENU_MODEL (menu);
}

static GMenuModel *
node_menu (void)
{
  GMenu *menu = g_menu_new ();
  GMenu *section;

  section = g_menu_new ();
  append_item (section, _("_Edit"), "canvas.activate", "Return");
  append_section (menu, section);

  section = g_menu_new ();
  append_item (section, _("Cu_t"), "canvas.cut", "<Control>x");
  append_item (section, _("_Copy"), "canvas.copy", "<Control>c");
  append_item (section, _("_Duplicate"), "canvas.duplicate", "<Control>d");
  append_section (menu, section);

  section = g_menu_new ();
  append_item (section, _("_Delete"), "canvas.delete", "Delete");
  append_section (menu, section);
  return G_MENU_MODEL (menu);
}

/* A connection, or a port that leads nowhere yet (no "Delete Connection" then). */
static GMenuModel *
edge_menu (VaCanvasCard *card,
           guint         port)
{
  VaCanvasEdge *edge = &g_array_index (card->edges, VaCanvasEdge, port);
  const char *source = va_node_get_id (card->node);
  gboolean connected = va_port_get_target (edge->port) != NULL;
  g_autoptr(GMenuModel) kinds = kinds_menu (source, port, 0, 0);
  GMenu *menu = g_menu_new ();
  GMenu *section;

  section = g_menu_new ();
  g_menu_append_submenu (section, connected ? _("_Insert Node") : _("_Add Node"), kinds);
  append_section (menu, section);

  if (connected)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_("Delete _Connection"), NULL);

      g_menu_item_set_action_and_target_value (item, "canvas.disconnect",
                                               g_variant_new ("(su)", source, port));
      section = g_menu_new ();
      g_menu_append_item (section, item);
      append_section (menu, section);
    }
  return G_MENU_MODEL (menu);
}

/* Empty canvas; a new node lands at the model point (@x, @y). */
static GMenuModel *
canvas_menu (double x,
             double y)
{
  g_autoptr(GMenuModel) kinds = kinds_menu (NULL, 0, (int) x, (int) y);
  GMenu *menu = g_menu_new ();
  GMenu *section;

  section = g_menu_new ();
  append_item (section, _("_Paste"), "canvas.paste", "<Control>v");
  g_menu_append_submenu (section, _("_Add Node"), kinds);
  append_section (menu, section);

  section = g_menu_new ();
  append_item (section, _("Select _All"), "canvas.select-all", "<Control>a");
  append_section (menu, section);

  section = g_menu_new ();
  append_item (section, _("_Tidy Up"), "canvas.tidy", NULL);
  append_item (section, _("_Zoom to Fit"), "canvas.zoom-fit", "Home");
  append_section (menu, section);
  return G_MENU_MODEL (menu);
}

/* ---- opening it ------------------------------------------------------------------------------ */

static void
menu_closed_cb (VaCanvas *self)
{
  if (self->menu_edge_card == NULL)
    return;
  self->menu_edge_card = NULL;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* @edge_card, @edge_port: the connection the menu is about, if it is about one. */
static void
popup (VaCanvas              *self,
       GMenuModel            *model,
       const graphene_rect_t *at,
       VaCanvasCard          *edge_card,
       guint                  edge_port)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  graphene_rect_t visible;

  if (gtk_widget_get_visible (self->popover))
    gtk_popover_popdown (GTK_POPOVER (self->popover));
  /* Pointing at a part of a card that is out of sight would put the menu away from it. */
  if (!graphene_rect_intersection (at, &GRAPHENE_RECT_INIT (0, 0, width, height), &visible))
    visible = GRAPHENE_RECT_INIT (width / 2.0, height / 2.0, 1, 1);

  self->menu_edge_card = edge_card;
  self->menu_edge_port = edge_port;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->context_menu), model);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu),
                               &(GdkRectangle) { (int) visible.origin.x, (int) visible.origin.y,
                                                 MAX (1, (int) visible.size.width),
                                                 MAX (1, (int) visible.size.height) });
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
}

/**
 * va_canvas_popup_menu_at:
 * @self: a canvas
 * @widget_x: where the right-click was, in widget coordinates
 * @widget_y:
 *
 * Opens the menu of what is under the point. A node that is not selected becomes the only
 * selected one first (a selected one keeps the selection, which the items act on); empty
 * canvas clears the selection; a connection leaves it alone.
 */
void
va_canvas_popup_menu_at (VaCanvas *self,
                         double    widget_x,
                         double    widget_y)
{
  g_autoptr(GMenuModel) model = NULL;
  VaCanvasHit hit;
  VaCanvasCard *card = NULL;
  guint port = 0;

  if (self->topic == NULL || self->drag != VA_CANVAS_DRAG_NONE)
    return;

  hit = va_canvas_hit_test (self, widget_x, widget_y);
  switch (hit.kind)
    {
    case VA_CANVAS_HIT_CARD:
      if (!hit.card->selected)
        va_canvas_select_only (self, hit.card);
      else
        va_canvas_set_primary (self, hit.card);
      model = node_menu ();
      break;

    case VA_CANVAS_HIT_PORT:
    case VA_CANVAS_HIT_PLUS:
      card = hit.card;
      port = hit.port;
      model = edge_menu (card, port);
      break;

    case VA_CANVAS_HIT_NONE:
    default:
      if ((card = va_canvas_hit_test_edge (self, widget_x, widget_y, &port)) != NULL)
        model = edge_menu (card, port);
      else
        {
          va_canvas_clear_selection (self);
          model = canvas_menu (va_canvas_to_model_x (self, widget_x),
                               va_canvas_to_model_y (self, widget_y));
        }
      break;
    }
  popup (self, model, &GRAPHENE_RECT_INIT (widget_x, widget_y, 1, 1), card, port);
}

/**
 * va_canvas_popup_menu:
 * @self: a canvas
 *
 * Shift+F10 and the Menu key: the menu of the focused node, below its card, or without one
 * the menu of empty canvas in the middle of the view.
 */
void
va_canvas_popup_menu (VaCanvas *self)
{
  VaCanvasCard *card = va_canvas_card_for_node (self, self->selected);
  g_autoptr(GMenuModel) model = NULL;
  double cx = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
  double cy = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;

  if (self->topic == NULL || self->drag != VA_CANVAS_DRAG_NONE)
    return;

  if (card != NULL)
    {
      if (!card->selected)
        va_canvas_select_only (self, card);
      va_canvas_ensure_visible (self, card);
      va_canvas_update_geometry (self);
      model = node_menu ();
      popup (self, model,
             &GRAPHENE_RECT_INIT (va_canvas_to_widget_x (self, card->x),
                                  va_canvas_to_widget_y (self, card->y),
                                  card->w * self->zoom, card->h * self->zoom),
             NULL, 0);
    }
  else
    {
      model = canvas_menu (va_canvas_to_model_x (self, cx), va_canvas_to_model_y (self, cy));
      popup (self, model, &GRAPHENE_RECT_INIT (cx, cy, 1, 1), NULL, 0);
    }
}

/* ---- actions and input ----------------------------------------------------------------------- */

static void
menu_action_cb (GtkWidget  *widget,
                const char *name,
                GVariant   *parameter)
{
  VaCanvas *self = VA_CANVAS (widget);

  if (g_str_equal (name, "canvas.context-menu"))
    va_canvas_popup_menu (self);
  else if (g_str_equal (name, "canvas.duplicate"))
    va_canvas_duplicate (self);
  else if (g_str_equal (name, "canvas.disconnect"))
    {
      const char *source;
      guint32 port;

      g_variant_get (parameter, "(&su)", &source, &port);
      va_canvas_disconnect (self, va_canvas_find_card (self, source), port);
    }
  else if (g_str_equal (name, "canvas.add-node"))
    {
      const char *nick;
      gint32 x, y;
      VaNodeKind kind;

      g_variant_get (parameter, "(&sii)", &nick, &x, &y);
      if (va_node_kind_from_string (nick, &kind))
        va_canvas_add_at (self, kind, x, y);
    }
}

void
va_canvas_class_init_menu (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "canvas.context-menu", NULL, menu_action_cb);
  gtk_widget_class_install_action (widget_class, "canvas.duplicate", NULL, menu_action_cb);
  gtk_widget_class_install_action (widget_class, "canvas.disconnect", "(su)", menu_action_cb);
  gtk_widget_class_install_action (widget_class, "canvas.add-node", "(sii)", menu_action_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK,
                                       "canvas.context-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "canvas.context-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK,
                                       "canvas.duplicate", NULL);
}

static void
context_pressed_cb (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    VaCanvas        *self)
{
  if (n_press != 1)
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  if (gtk_widget_get_focusable (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));
  va_canvas_popup_menu_at (self, x, y);
}

void
va_canvas_init_menu (VaCanvas *self)
{
  GtkGesture *gesture = gtk_gesture_click_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect (gesture, "pressed", G_CALLBACK (context_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));
  self->context_gesture = gesture;

  self->context_menu = gtk_popover_menu_new_from_model (NULL);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->context_menu), FALSE);
  gtk_popover_set_position (GTK_POPOVER (self->context_menu), GTK_POS_BOTTOM);
  gtk_widget_set_halign (self->context_menu, GTK_ALIGN_START);
  gtk_widget_set_parent (self->context_menu, GTK_WIDGET (self));
  g_signal_connect_swapped (self->context_menu, "closed", G_CALLBACK (menu_closed_cb), self);
}

GtkGesture *
va_canvas_get_context_gesture (VaCanvas *self)
{
  return self->context_gesture;
}

GtkWidget *
va_canvas_get_context_menu (VaCanvas *self)
{
  return self->context_menu;
}
