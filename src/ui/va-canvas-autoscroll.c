/* va-canvas-autoscroll.c — panning while a drag is near or past an edge
 *
 * When the pointer of a move, a connection or a rubber band comes within a
 * margin of an edge of the canvas (or leaves it: the drag keeps its grab),
 * the view pans towards that edge on every frame, faster the further the
 * pointer is into the margin. After each step the drag is applied again at
 * the same pointer position (va_canvas_drag_apply), so what is dragged
 * follows the pointer in canvas units. Nothing is committed here: a move is
 * still one undo step at the end of the drag.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "va-canvas-private.h"

#define AUTOSCROLL_MARGIN  24.0   /* px from an edge where panning starts */
#define AUTOSCROLL_GAIN    15.0   /* px/s of panning per px into the margin */
#define AUTOSCROLL_MAX   2400.0   /* px/s */
#define AUTOSCROLL_MAX_DT   0.05  /* s: a late frame does not jump */

/* Pans towards negative coordinates for a pointer near 0, positive near @size. */
static double
axis_speed (double position,
            double size)
{
  /* A canvas too small for two margins keeps a middle where nothing moves. */
  double margin = MIN (AUTOSCROLL_MARGIN, size / 4);
  double depth;

  if (position < margin)
    depth = position - margin;
  else if (position > size - margin)
    depth = position - (size - margin);
  else
    return 0;
  return CLAMP (depth * AUTOSCROLL_GAIN, -AUTOSCROLL_MAX, AUTOSCROLL_MAX);
}

/**
 * va_canvas_autoscroll_velocity:
 * @self: a canvas
 * @vx: (out): how fast the view should move right, in widget px/s
 * @vy: (out): how fast it should move down
 *
 * Returns: whether the drag in progress should scroll the view now
 */
gboolean
va_canvas_autoscroll_velocity (VaCanvas *self,
                               double   *vx,
                               double   *vy)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  *vx = *vy = 0;
  if (!self->dragging || width <= 0 || height <= 0)
    return FALSE;
  if (self->drag != VA_CANVAS_DRAG_MOVE && self->drag != VA_CANVAS_DRAG_CONNECT &&
      self->drag != VA_CANVAS_DRAG_RUBBER)
    return FALSE;

  *vx = axis_speed (self->drag_x0 + self->drag_ox, width);
  *vy = axis_speed (self->drag_y0 + self->drag_oy, height);
  return *vx != 0 || *vy != 0;
}

static gboolean
autoscroll_tick (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 gpointer       user_data)
{
  VaCanvas *self = VA_CANVAS (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double vx, vy, dt;

  if (!va_canvas_autoscroll_velocity (self, &vx, &vy))
    {
      self->autoscroll_id = 0;
      return G_SOURCE_REMOVE;
    }

  /* The clock's time before the first step may be that of a frame long ago. */
  dt = self->autoscroll_time != 0 ? (now - self->autoscroll_time) / (double) G_USEC_PER_SEC
                                  : 1 / 60.0;
  dt = CLAMP (dt, 0, AUTOSCROLL_MAX_DT);
  self->autoscroll_time = now;

  va_canvas_set_view (self, self->zoom, self->pan_x - vx * dt, self->pan_y - vy * dt);
  va_canvas_drag_apply (self);
  return G_SOURCE_CONTINUE;
}

/* After the pointer of a drag moved: starts or stops panning. */
void
va_canvas_autoscroll_update (VaCanvas *self)
{
  double vx, vy;

  if (!va_canvas_autoscroll_velocity (self, &vx, &vy))
    va_canvas_autoscroll_stop (self);
  else if (self->autoscroll_id == 0)
    {
      self->autoscroll_time = 0;
      self->autoscroll_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), autoscroll_tick,
                                                          NULL, NULL);
    }
}

void
va_canvas_autoscroll_stop (VaCanvas *self)
{
  if (self->autoscroll_id == 0)
    return;
  gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->autoscroll_id);
  self->autoscroll_id = 0;
}
