/* va-canvas-input.c — pointer, touch and keyboard, and the insert popover
 *
 * One drag gesture decides, at the press, what the drag does: on a "+" it
 * is a click that opens the insert popover; on a port it connects; on a
 * card it moves the selection; on empty space it pans, or with Shift/Ctrl
 * draws a rubber band. Handlers take positions from the signals' arguments
 * only, so a test can drive them by emitting the signals.
 *
 * A drag's anchor is kept in model units and the pointer in widget units,
 * so that when the view moves under a drag (auto-scroll near an edge,
 * va-canvas-autoscroll.c) what is dragged stays under the pointer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "va-canvas-private.h"

#define DRAG_THRESHOLD 4.0

/* ---- hit testing -------------------------------------------------------------------------- */

VaCanvasHit
va_canvas_hit_test (VaCanvas *self,
                    double    widget_x,
                    double    widget_y)
{
  VaCanvasHit hit = { VA_CANVAS_HIT_NONE, NULL, 0 };
  double mx, my;
  gboolean lod = self->zoom < VA_CANVAS_LOD_ZOOM;

  va_canvas_update_geometry (self);
  mx = va_canvas_to_model_x (self, widget_x);
  my = va_canvas_to_model_y (self, widget_y);

  /* "+" buttons are drawn above everything. */
  if (!lod)
    {
      double r = (CLAMP (VA_CANVAS_PLUS_RADIUS * self->zoom, 7, 12) + 2) / self->zoom;

      for (guint i = 0; i < self->cards->len; i++)
        {
          VaCanvasCard *card = g_ptr_array_index (self->cards, i);

          for (guint j = 0; j < card->edges->len; j++)
            {
              VaCanvasEdge *e = &g_array_index (card->edges, VaCanvasEdge, j);

              if (hypot (mx - e->px, my - e->py) <= r)
                return (VaCanvasHit) { VA_CANVAS_HIT_PLUS, card, j };
            }
        }
    }

  for (guint i = self->cards->len; i-- > 0;)
    {
      VaCanvasCard *card = g_ptr_array_index (self->cards, i);
      double r = MAX (10, 8 / self->zoom);

      if (mx < card->x - r || mx > card->x + card->w + r || my < card->y || my > card->y + card->h + r)
        continue;

      /* A port: its dot, or its slot in the strip. */
      for (guint j = 0; j < card->edges->len; j++)
        {
          VaCanvasEdge *e = &g_array_index (card->edges, VaCanvasEdge, j);

          if (hypot (mx - e->sx, my - e->sy) <= r)
            return (VaCanvasHit) { VA_CANVAS_HIT_PORT, card, j };
        }
      if (card->has_strip && card->edges->len > 0 && my >= card->y + VA_CANVAS_CARD_HEIGHT &&
          my <= card->y + card->h && mx >= card->x && mx <= card->x + card->w)
        {
          guint j = (guint) ((mx - card->x) / (card->w / card->edges->len));

          return (VaCanvasHit) { VA_CANVAS_HIT_PORT, card, MIN (j, card->edges->len - 1) };
        }
      if (mx >= card->x && mx <= card->x + card->w && my >= card->y && my <= card->y + card->h)
        {
          hit.kind = VA_CANVAS_HIT_CARD;
          hit.card = card;
          return hit;
        }
    }
  return hit;
}

static VaCanvasCard *
card_at (VaCanvas *self,
         double    widget_x,
         double    widget_y)
{
  double mx, my;

  va_canvas_update_geometry (self);
  mx = va_canvas_to_model_x (self, widget_x);
  my = va_canvas_to_model_y (self, widget_y);
  for (guint i = self->cards->len; i-- > 0;)
    {
      VaCanvasCard *card = g_ptr_array_index (self->cards, i);

      if (mx >= card->x && mx <= card->x + card->w && my >= card->y && my <= card->y + card->h)
        return card;
    }
  return NULL;
}

static GdkModifierType
current_state (VaCanvas           *self,
               GtkEventController *controller)
{
  return gtk_event_controller_get_current_event_state (controller) | self->test_modifiers;
}

/* ---- the drag gesture --------------------------------------------------------------------- */

static void
reset_drag (VaCanvas *self)
{
  gboolean was_moving = self->drag == VA_CANVAS_DRAG_MOVE && self->dragging;

  va_canvas_autoscroll_stop (self);
  self->drag = VA_CANVAS_DRAG_NONE;
  self->dragging = FALSE;
  self->drop_target = NULL;
  self->move_dx = self->move_dy = 0;
  self->press_hit = (VaCanvasHit) { VA_CANVAS_HIT_NONE, NULL, 0 };
  if (was_moving)
    va_canvas_queue_geometry (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  va_canvas_update_actions (self);
}

/* Escape: a move goes back, a connection is dropped, nothing changes. */
void
va_canvas_cancel_drag (VaCanvas *self)
{
  reset_drag (self);
  gtk_event_controller_reset (GTK_EVENT_CONTROLLER (self->drag_gesture));
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               VaCanvas       *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  GdkModifierType state = current_state (self, GTK_EVENT_CONTROLLER (gesture));
  gboolean extend = (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)) != 0;
  VaCanvasHit hit;

  if (button == GDK_BUTTON_SECONDARY)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  if (gtk_widget_get_focusable (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));

  reset_drag (self);
  self->drag_x0 = x;
  self->drag_y0 = y;
  self->drag_ox = self->drag_oy = 0;
  self->drag_mx0 = va_canvas_to_model_x (self, x);
  self->drag_my0 = va_canvas_to_model_y (self, y);
  self->press_state = state;
  self->pan_x0 = self->pan_x;
  self->pan_y0 = self->pan_y;

  hit = button == GDK_BUTTON_MIDDLE ? (VaCanvasHit) { VA_CANVAS_HIT_NONE, NULL, 0 }
                                    : va_canvas_hit_test (self, x, y);
  self->press_hit = hit;

  switch (hit.kind)
    {
    case VA_CANVAS_HIT_PLUS:
      self->drag = VA_CANVAS_DRAG_PLUS;
      break;

    case VA_CANVAS_HIT_PORT:
      self->drag = VA_CANVAS_DRAG_CONNECT;
      break;

    case VA_CANVAS_HIT_CARD:
      self->drag = VA_CANVAS_DRAG_MOVE;
      /* A press on an unselected card selects it alone; on a selected one it keeps the
       * selection, so that the whole selection can be dragged. */
      if (!extend && !hit.card->selected)
        va_canvas_select_only (self, hit.card);
      else if (!extend)
        va_canvas_set_primary (self, hit.card);
      break;

    case VA_CANVAS_HIT_NONE:
    default:
      self->drag = extend && button != GDK_BUTTON_MIDDLE ? VA_CANVAS_DRAG_RUBBER : VA_CANVAS_DRAG_PAN;
      break;
    }
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  va_canvas_update_actions (self);
}

/* Puts what is dragged under the pointer, for the current view: called when the pointer moves
 * and when the view moves under it. */
void
va_canvas_drag_apply (VaCanvas *self)
{
  double px = self->drag_x0 + self->drag_ox;
  double py = self->drag_y0 + self->drag_oy;

  switch (self->drag)
    {
    case VA_CANVAS_DRAG_PAN:
      va_canvas_set_view (self, self->zoom,
                          self->pan_x0 + self->drag_ox, self->pan_y0 + self->drag_oy);
      break;

    case VA_CANVAS_DRAG_MOVE:
      self->move_dx = va_canvas_to_model_x (self, px) - self->drag_mx0;
      self->move_dy = va_canvas_to_model_y (self, py) - self->drag_my0;
      va_canvas_queue_geometry (self);
      break;

    case VA_CANVAS_DRAG_CONNECT:
      {
        /* A card scrolled out of sight is no drop target. */
        gboolean inside = px >= 0 && py >= 0 &&
                          px < gtk_widget_get_width (GTK_WIDGET (self)) &&
                          py < gtk_widget_get_height (GTK_WIDGET (self));
        VaCanvasCard *target = inside ? card_at (self, px, py) : NULL;

        self->drop_target = target != self->press_hit.card ? target : NULL;
        gtk_widget_queue_draw (GTK_WIDGET (self));
      }
      break;

    case VA_CANVAS_DRAG_RUBBER:
    case VA_CANVAS_DRAG_PLUS:
    case VA_CANVAS_DRAG_NONE:
    default:
      gtk_widget_queue_draw (GTK_WIDGET (self));
      break;
    }
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          offset_x,
                double          offset_y,
                VaCanvas       *self)
{
  self->drag_ox = offset_x;
  self->drag_oy = offset_y;
  if (!self->dragging && hypot (offset_x, offset_y) < DRAG_THRESHOLD)
    return;

  if (!self->dragging && self->drag == VA_CANVAS_DRAG_MOVE && !self->press_hit.card->selected)
    {
      /* Shift/Ctrl-dragging an unselected card adds it to what moves. */
      self->press_hit.card->selected = TRUE;
      va_canvas_set_primary (self, self->press_hit.card);
      va_canvas_selection_changed (self);
    }
  self->dragging = TRUE;

  va_canvas_drag_apply (self);
  va_canvas_autoscroll_update (self);
}

static void
toggle_card (VaCanvas     *self,
             VaCanvasCard *card)
{
  card->selected = !card->selected;
  if (card->selected)
    va_canvas_set_primary (self, card);
  else if (self->selected == card->node)
    {
      VaCanvasCard *other = NULL;

      for (guint i = 0; i < self->cards->len && other == NULL; i++)
        if (((VaCanvasCard *) g_ptr_array_index (self->cards, i))->selected)
          other = g_ptr_array_index (self->cards, i);
      va_canvas_set_primary (self, other);
    }
  va_canvas_selection_changed (self);
}

static void
select_band (VaCanvas *self,
             gboolean  add)
{
  double mx = va_canvas_to_model_x (self, self->drag_x0 + self->drag_ox);
  double my = va_canvas_to_model_y (self, self->drag_y0 + self->drag_oy);
  graphene_rect_t band = GRAPHENE_RECT_INIT (MIN (self->drag_mx0, mx), MIN (self->drag_my0, my),
                                             fabs (mx - self->drag_mx0), fabs (my - self->drag_my0));
  VaCanvasCard *first = NULL;

  for (guint i = 0; i < self->cards->len; i++)
    {
      VaCanvasCard *card = g_ptr_array_index (self->cards, i);
      gboolean inside = graphene_rect_intersection (&band,
                                                    &GRAPHENE_RECT_INIT (card->x, card->y, card->w, card->h),
                                                    NULL);

      card->selected = inside || (add && card->selected);
      if (inside && first == NULL)
        first = card;
    }
  if (first != NULL)
    va_canvas_set_primary (self, first);
  else if (!add)
    va_canvas_set_primary (self, NULL);
  va_canvas_selection_changed (self);
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          offset_x,
             double          offset_y,
             VaCanvas       *self)
{
  VaCanvasHit hit = self->press_hit;
  VaCanvasDrag drag = self->drag;
  gboolean extend = (self->press_state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)) != 0;
  gboolean dragging;

  if (drag == VA_CANVAS_DRAG_NONE)
    return;
  drag_update_cb (gesture, offset_x, offset_y, self);
  dragging = self->dragging;

  switch (drag)
    {
    case VA_CANVAS_DRAG_MOVE:
      {
        double dx = self->move_dx, dy = self->move_dy;

        reset_drag (self);
        if (dragging)
          va_canvas_commit_move (self, dx, dy);
        else if (extend)
          toggle_card (self, hit.card);
        else
          va_canvas_select_only (self, hit.card);
      }
      break;

    case VA_CANVAS_DRAG_PAN:
      reset_drag (self);
      if (!dragging)
        va_canvas_clear_selection (self);
      break;

    case VA_CANVAS_DRAG_CONNECT:
      {
        VaCanvasCard *target = self->drop_target;

        reset_drag (self);
        /* Dropped on empty space: nothing happens. */
        if (dragging && target != NULL)
          va_canvas_connect (self, hit.card, hit.port, target);
      }
      break;

    case VA_CANVAS_DRAG_RUBBER:
      if (dragging)
        select_band (self, (self->press_state & GDK_CONTROL_MASK) != 0);
      else
        va_canvas_clear_selection (self);
      reset_drag (self);
      break;

    case VA_CANVAS_DRAG_PLUS:
      reset_drag (self);
      if (!dragging)
        va_canvas_open_insert_popover (self, hit.card, hit.port);
      break;

    case VA_CANVAS_DRAG_NONE:
    default:
      reset_drag (self);
      break;
    }
}

static void
drag_cancel_cb (GtkGesture       *gesture,
                GdkEventSequence *sequence,
                VaCanvas         *self)
{
  reset_drag (self);
}

/* ---- clicks, hover, scroll, pinch --------------------------------------------------------- */

static void
click_pressed_cb (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  VaCanvas        *self)
{
  VaCanvasHit hit;

  if (n_press != 2)
    return;
  hit = va_canvas_hit_test (self, x, y);
  if (hit.kind == VA_CANVAS_HIT_CARD)
    {
      va_canvas_select_only (self, hit.card);
      gtk_widget_activate_action (GTK_WIDGET (self), "canvas.activate", NULL);
    }
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           VaCanvas                 *self)
{
  VaCanvasHit hit = va_canvas_hit_test (self, x, y);
  const char *cursor = NULL;

  self->pointer_x = x;
  self->pointer_y = y;
  self->pointer_in = TRUE;
  if (self->drag != VA_CANVAS_DRAG_NONE)
    return;

  if (hit.kind != self->hover.kind || hit.card != self->hover.card || hit.port != self->hover.port)
    {
      self->hover = hit;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  switch (hit.kind)
    {
    case VA_CANVAS_HIT_PLUS: cursor = "pointer"; break;
    case VA_CANVAS_HIT_PORT: cursor = "crosshair"; break;
    case VA_CANVAS_HIT_CARD: cursor = "move"; break;
    case VA_CANVAS_HIT_NONE:
    default:                 cursor = NULL; break;
    }
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), cursor);
}

static void
leave_cb (GtkEventControllerMotion *controller,
          VaCanvas                 *self)
{
  self->pointer_in = FALSE;
  if (self->hover.kind != VA_CANVAS_HIT_NONE)
    {
      self->hover = (VaCanvasHit) { VA_CANVAS_HIT_NONE, NULL, 0 };
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           VaCanvas                 *self)
{
  GdkModifierType state = current_state (self, GTK_EVENT_CONTROLLER (controller));
  gboolean wheel = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL;
  double x = self->pointer_in ? self->pointer_x : gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
  double y = self->pointer_in ? self->pointer_y : gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;

  if (state & GDK_CONTROL_MASK)
    {
      double factor = wheel ? pow (1.15, -dy) : exp (-dy * 0.01);

      va_canvas_zoom_at (self, self->zoom * factor, x, y);
      return TRUE;
    }

  if ((state & GDK_SHIFT_MASK) && dx == 0)
    {
      dx = dy;
      dy = 0;
    }
  if (wheel)
    {
      dx *= 48;
      dy *= 48;
    }
  va_canvas_set_view (self, self->zoom, self->pan_x - dx, self->pan_y - dy);
  return TRUE;
}

static void
zoom_begin_cb (GtkGesture       *gesture,
               GdkEventSequence *sequence,
               VaCanvas         *self)
{
  /* A second finger turns a drag into a pinch. */
  reset_drag (self);
  gtk_event_controller_reset (GTK_EVENT_CONTROLLER (self->drag_gesture));
  self->zoom0 = self->zoom;
}

static void
zoom_scale_changed_cb (GtkGestureZoom *gesture,
                       double          scale,
                       VaCanvas       *self)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    {
      x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }
  va_canvas_zoom_at (self, self->zoom0 * scale, x, y);
}

void
va_canvas_init_input (VaCanvas *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), 0);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (drag_end_cb), self);
  g_signal_connect (gesture, "cancel", G_CALLBACK (drag_cancel_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));
  self->drag_gesture = gesture;

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "pressed", G_CALLBACK (click_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));
  self->click_gesture = gesture;

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect (gesture, "begin", G_CALLBACK (zoom_begin_cb), self);
  g_signal_connect (gesture, "scale-changed", G_CALLBACK (zoom_scale_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

/* ---- keyboard ----------------------------------------------------------------------------- */

/* Moves the focus to the nearest card in a direction, preferring cards in line. */
void
va_canvas_move_focus (VaCanvas *self,
                      int       dx,
                      int       dy)
{
  VaCanvasCard *current = va_canvas_card_for_node (self, self->selected);
  VaCanvasCard *best = NULL;
  double best_score = G_MAXDOUBLE, cx, cy;

  if (self->cards->len == 0 || gtk_widget_get_visible (self->popover))
    return;
  va_canvas_update_geometry (self);
  if (current == NULL)
    {
      VaCanvasCard *start = self->topic != NULL
                            ? va_canvas_find_card (self, va_topic_get_start (self->topic)) : NULL;

      best = start != NULL ? start : g_ptr_array_index (self->cards, 0);
    }
  else
    {
      cx = current->x + current->w / 2;
      cy = current->y + current->h / 2;
      for (guint i = 0; i < self->cards->len; i++)
        {
          VaCanvasCard *card = g_ptr_array_index (self->cards, i);
          double ox = card->x + card->w / 2 - cx;
          double oy = card->y + card->h / 2 - cy;
          double along = dx != 0 ? ox * dx : oy * dy;
          double across = dx != 0 ? fabs (oy) : fabs (ox);
          double score;

          if (card == current || along <= 1)
            continue;
          score = along + 2 * across;
          if (score < best_score)
            {
              best_score = score;
              best = card;
            }
        }
    }
  if (best == NULL)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  va_canvas_select_only (self, best);
  va_canvas_ensure_visible (self, best);
}

/* ---- the insert popover ------------------------------------------------------------------- */

void
va_canvas_build_popover (VaCanvas *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *heading = gtk_label_new (_("Add a Node"));

  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_set_margin_bottom (heading, 6);
  gtk_widget_set_margin_top (heading, 3);
  gtk_box_append (GTK_BOX (box), heading);

  for (guint kind = 0; kind < VA_N_NODE_KINDS; kind++)
    {
      GtkWidget *button = gtk_button_new ();
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
      GtkWidget *label = gtk_label_new (va_node_kind_get_display_name (kind));

      gtk_box_append (GTK_BOX (row), gtk_image_new_from_icon_name (va_canvas_kind_icon_name (kind)));
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_box_append (GTK_BOX (row), label);
      gtk_button_set_child (GTK_BUTTON (button), row);
      gtk_widget_add_css_class (button, "flat");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                              g_variant_new ("(sus)", "", 0, va_node_kind_to_string (kind)));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "canvas.insert-at");
      g_object_set_data (G_OBJECT (button), "va-kind", GUINT_TO_POINTER (kind));
      gtk_box_append (GTK_BOX (box), button);
    }

  self->popover = gtk_popover_new ();
  self->popover_box = box;
  gtk_popover_set_child (GTK_POPOVER (self->popover), box);
  gtk_popover_set_position (GTK_POPOVER (self->popover), GTK_POS_BOTTOM);
  gtk_widget_set_parent (self->popover, GTK_WIDGET (self));
}

void
va_canvas_open_insert_popover (VaCanvas     *self,
                               VaCanvasCard *card,
                               guint         port)
{
  const char *source = va_node_get_id (card->node);
  VaCanvasEdge *edge = &g_array_index (card->edges, VaCanvasEdge, port);
  double r = CLAMP (VA_CANVAS_PLUS_RADIUS * self->zoom, 7, 12);

  for (GtkWidget *child = gtk_widget_get_first_child (self->popover_box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      guint kind;

      if (!GTK_IS_BUTTON (child))
        continue;
      kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (child), "va-kind"));
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (child),
                                              g_variant_new ("(sus)", source, port,
                                                             va_node_kind_to_string (kind)));
    }

  gtk_popover_set_pointing_to (GTK_POPOVER (self->popover),
                               &(GdkRectangle) { (int) (va_canvas_to_widget_x (self, edge->px) - r),
                                                 (int) (va_canvas_to_widget_y (self, edge->py) - r),
                                                 (int) (2 * r), (int) (2 * r) });
  gtk_popover_popup (GTK_POPOVER (self->popover));
}

/* ---- for tests and the benchmark ---------------------------------------------------------- */

gboolean
va_canvas_get_node_point (VaCanvas   *self,
                          const char *node_id,
                          double     *x,
                          double     *y)
{
  VaCanvasCard *card = va_canvas_find_card (self, node_id);

  if (card == NULL)
    return FALSE;
  va_canvas_update_geometry (self);
  /* The middle of the preview: away from the ports and the "+" buttons. */
  *x = va_canvas_to_widget_x (self, card->x + card->w / 2);
  *y = va_canvas_to_widget_y (self, card->y + VA_CANVAS_CARD_HEIGHT / 2);
  return TRUE;
}

/* The edge of @node_id's @port, its geometry up to date, or NULL. */
static VaCanvasEdge *
port_edge (VaCanvas   *self,
           const char *node_id,
           guint       port)
{
  VaCanvasCard *card = va_canvas_find_card (self, node_id);

  if (card == NULL || port >= card->edges->len)
    return NULL;
  va_canvas_update_geometry (self);
  return &g_array_index (card->edges, VaCanvasEdge, port);
}

gboolean
va_canvas_get_port_point (VaCanvas   *self,
                          const char *node_id,
                          guint       port,
                          double     *x,
                          double     *y)
{
  VaCanvasEdge *edge = port_edge (self, node_id, port);

  if (edge == NULL)
    return FALSE;
  *x = va_canvas_to_widget_x (self, edge->sx);
  *y = va_canvas_to_widget_y (self, edge->sy);
  return TRUE;
}

gboolean
va_canvas_get_plus_point (VaCanvas   *self,
                          const char *node_id,
                          guint       port,
                          double     *x,
                          double     *y)
{
  VaCanvasEdge *edge = port_edge (self, node_id, port);

  if (edge == NULL)
    return FALSE;
  *x = va_canvas_to_widget_x (self, edge->px);
  *y = va_canvas_to_widget_y (self, edge->py);
  return TRUE;
}

GtkWidget *
va_canvas_get_insert_popover (VaCanvas *self)
{
  return self->popover;
}

GtkGesture *
va_canvas_get_drag_gesture (VaCanvas *self)
{
  return self->drag_gesture;
}

GtkGesture *
va_canvas_get_click_gesture (VaCanvas *self)
{
  return self->click_gesture;
}

/* Signals emitted by a test carry no event, so no modifier state: it comes from here. */
void
va_canvas_set_test_modifiers (VaCanvas        *self,
                              GdkModifierType  modifiers)
{
  self->test_modifiers = modifiers;
}

gboolean
va_canvas_is_node_selected (VaCanvas *self,
                            VaNode   *node)
{
  VaCanvasCard *card = va_canvas_card_for_node (self, node);

  return card != NULL && card->selected;
}

guint
va_canvas_get_n_selected (VaCanvas *self)
{
  guint n = 0;

  for (guint i = 0; i < self->cards->len; i++)
    if (((VaCanvasCard *) g_ptr_array_index (self->cards, i))->selected)
      n++;
  return n;
}

guint
va_canvas_get_card_serial (VaCanvas   *self,
                           const char *node_id)
{
  VaCanvasCard *card = va_canvas_find_card (self, node_id);

  return card != NULL ? card->serial : 0;
}
