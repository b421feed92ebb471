/* va-canvas.c — the conversation editor (placeholder until the canvas lands)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "va-canvas.h"

struct _VaCanvas
{
  GtkWidget  parent_instance;
  VaTopic   *topic;
  VaHistory *history;
  VaNode    *selected;
  char      *highlighted;
  double     zoom;
};

G_DEFINE_FINAL_TYPE (VaCanvas, va_canvas, GTK_TYPE_WIDGET)

enum { SIGNAL_NODE_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
va_canvas_dispose (GObject *object)
{
  VaCanvas *self = VA_CANVAS (object);

  g_clear_object (&self->topic);
  g_clear_object (&self->history);
  g_clear_object (&self->selected);
  g_clear_pointer (&self->highlighted, g_free);
  G_OBJECT_CLASS (va_canvas_parent_class)->dispose (object);
}

static void
va_canvas_class_init (VaCanvasClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = va_canvas_dispose;
  signals[SIGNAL_NODE_ACTIVATED] =
    g_signal_new ("node-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, VA_TYPE_NODE);
}

static void
va_canvas_init (VaCanvas *self)
{
  self->zoom = 1.0;
}

GtkWidget *va_canvas_new (void) { return g_object_new (VA_TYPE_CANVAS, NULL); }
VaTopic *va_canvas_get_topic (VaCanvas *self) { return self->topic; }
void va_canvas_set_topic (VaCanvas *self, VaTopic *topic) { g_set_object (&self->topic, topic); }
VaHistory *va_canvas_get_history (VaCanvas *self) { return self->history; }
void va_canvas_set_history (VaCanvas *self, VaHistory *history) { g_set_object (&self->history, history); }
VaNode *va_canvas_get_selected_node (VaCanvas *self) { return self->selected; }
void va_canvas_select_node (VaCanvas *self, VaNode *node) { g_set_object (&self->selected, node); }
double va_canvas_get_zoom (VaCanvas *self) { return self->zoom; }
void va_canvas_set_zoom (VaCanvas *self, double zoom) { self->zoom = zoom; }
const char *va_canvas_get_highlighted_node (VaCanvas *self) { return self->highlighted; }
void va_canvas_set_highlighted_node (VaCanvas *self, const char *node_id) { va_str_set (&self->highlighted, node_id); }
