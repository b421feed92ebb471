/* va-redirect-node.c
 *
 * Goes to another topic and comes back when it ends.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "va-redirect-node.h"

struct _VaRedirectNode
{
  VaNode parent_instance;

  char *topic;
};

G_DEFINE_FINAL_TYPE (VaRedirectNode, va_redirect_node, VA_TYPE_NODE)

enum {
  PROP_0,
  PROP_TOPIC,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
va_redirect_node_finalize (GObject *object)
{
  VaRedirectNode *self = (VaRedirectNode *) object;

  g_clear_pointer (&self->topic, g_free);

  G_OBJECT_CLASS (va_redirect_node_parent_class)->finalize (object);
}

static void
va_redirect_node_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  VaRedirectNode *self = VA_REDIRECT_NODE (object);

  switch (prop_id)
    {
    case PROP_TOPIC:
      g_value_set_string (value, self->topic);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
va_redirect_node_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  VaRedirectNode *self = VA_REDIRECT_NODE (object);

  switch (prop_id)
    {
    case PROP_TOPIC:
      va_redirect_node_set_topic (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
va_redirect_node_class_init (VaRedirectNodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  VaNodeClass *node_class = VA_NODE_CLASS (klass);

  object_class->finalize = va_redirect_node_finalize;
  object_class->get_property = va_redirect_node_get_property;
  object_class->set_property = va_redirect_node_set_property;
  node_class->kind = VA_NODE_KIND_REDIRECT;
  node_class->has_next = TRUE;

  properties[PROP_TOPIC] =
    g_param_spec_string ("topic", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
va_redirect_node_init (VaRedirectNode *self)
{
}

/**
 * va_redirect_node_new:
 * @id: the node's id, unique in its topic
 *
 * Returns: (transfer full): a new node
 */
VaRedirectNode *
va_redirect_node_new (const char *id)
{
  return g_object_new (VA_TYPE_REDIRECT_NODE, "id", id, NULL);
}

const char *
va_redirect_node_get_topic (VaRedirectNode *self)
{
  g_return_val_if_fail (VA_IS_REDIRECT_NODE (self), NULL);

  return self->topic;
}

void
va_redirect_node_set_topic (VaRedirectNode *self,
                            const char *topic)
{
  g_return_if_fail (VA_IS_REDIRECT_NODE (self));

  if (va_str_set (&self->topic, topic))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOPIC]);
}
