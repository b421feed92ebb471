/* va-inspector.c — node inspector (placeholder until it lands)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "va-inspector.h"

struct _VaInspector
{
  GtkWidget  parent_instance;
  VaBot     *bot;
  VaHistory *history;
  VaTopic   *topic;
  VaNode    *node;
};

G_DEFINE_FINAL_TYPE (VaInspector, va_inspector, GTK_TYPE_WIDGET)

static void
va_inspector_dispose (GObject *object)
{
  VaInspector *self = VA_INSPECTOR (object);

  g_clear_object (&self->bot);
  g_clear_object (&self->history);
  g_clear_object (&self->topic);
  g_clear_object (&self->node);
  G_OBJECT_CLASS (va_inspector_parent_class)->dispose (object);
}

static void
va_inspector_class_init (VaInspectorClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = va_inspector_dispose;
}

static void
va_inspector_init (VaInspector *self)
{
}

GtkWidget *va_inspector_new (void) { return g_object_new (VA_TYPE_INSPECTOR, NULL); }
void va_inspector_set_bot (VaInspector *self, VaBot *bot) { g_set_object (&self->bot, bot); }
void va_inspector_set_history (VaInspector *self, VaHistory *history) { g_set_object (&self->history, history); }
VaNode *va_inspector_get_node (VaInspector *self) { return self->node; }
void
va_inspector_set_node (VaInspector *self, VaTopic *topic, VaNode *node)
{
  g_set_object (&self->topic, topic);
  g_set_object (&self->node, node);
}
