/* va-end-node.c
 *
 * Ends the conversation, optionally with the satisfaction survey.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "va-end-node.h"

struct _VaEndNode
{
  VaNode parent_instance;

  gboolean survey;
};

G_DEFINE_FINAL_TYPE (VaEndNode, va_end_node, VA_TYPE_NODE)

enum {
  PROP_0,
  PROP_SURVEY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
va_end_node_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  VaEndNode *self = VA_END_NODE (object);

  switch (prop_id)
    {
    case PROP_SURVEY:
      g_value_set_boolean (value, self->survey);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
va_end_node_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  VaEndNode *self = VA_END_NODE (object);

  switch (prop_id)
    {
    case PROP_SURVEY:
      va_end_node_set_survey (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
va_end_node_class_init (VaEndNodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  VaNodeClass *node_class = VA_NODE_CLASS (klass);

  object_class->get_property = va_end_node_get_property;
  object_class->set_property = va_end_node_set_property;
  node_class->kind = VA_NODE_KIND_END;
  node_class->has_next = FALSE;

  properties[PROP_SURVEY] =
    g_param_spec_boolean ("survey", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
va_end_node_init (VaEndNode *self)
{
}

/**
 * va_end_node_new:
 * @id: the node's id, unique in its topic
 *
 * Returns: (transfer full): a new node
 */
VaEndNode *
va_end_node_new (const char *id)
{
  return g_object_new (VA_TYPE_END_NODE, "id", id, NULL);
}

gboolean
va_end_node_get_survey (VaEndNode *self)
{
  g_return_val_if_fail (VA_IS_END_NODE (self), 0);

  return self->survey;
}

void
va_end_node_set_survey (VaEndNode *self,
                        gboolean survey)
{
  g_return_if_fail (VA_IS_END_NODE (self));

  survey = !!survey;
  if (self->survey != survey)
    {
      self->survey = survey;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SURVEY]);
    }
}
