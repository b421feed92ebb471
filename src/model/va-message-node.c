/* va-message-node.c
 *
 * The bot says a message; one of its variations is picked per turn.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "va-message-node.h"

struct _VaMessageNode
{
  VaNode parent_instance;

  char *text;
  GStrv variations;
};

G_DEFINE_FINAL_TYPE (VaMessageNode, va_message_node, VA_TYPE_NODE)

enum {
  PROP_0,
  PROP_TEXT,
  PROP_VARIATIONS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
va_message_node_finalize (GObject *object)
{
  VaMessageNode *self = (VaMessageNode *) object;

  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->variations, g_strfreev);

  G_OBJECT_CLASS (va_message_node_parent_class)->finalize (object);
}

static void
va_message_node_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  VaMessageNode *self = VA_MESSAGE_NODE (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    case PROP_VARIATIONS:
      g_value_set_boxed (value, self->variations);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
va_message_node_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  VaMessageNode *self = VA_MESSAGE_NODE (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      va_message_node_set_text (self, g_value_get_string (value));
      break;

    case PROP_VARIATIONS:
      va_message_node_set_variations (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
va_message_node_class_init (VaMessageNodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  VaNodeClass *node_class = VA_NODE_CLASS (klass);

  object_class->finalize = va_message_node_finalize;
  object_class->get_property = va_message_node_get_property;
  object_class->set_property = va_message_node_set_property;
  node_class->kind = VA_NODE_KIND_MESSAGE;
  node_class->has_next = TRUE;

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VARIATIONS] =
    g_param_spec_boxed ("variations", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
va_message_node_init (VaMessageNode *self)
{
}

/**
 * va_message_node_new:
 * @id: the node's id, unique in its topic
 *
 * Returns: (transfer full): a new node
 */
VaMessageNode *
va_message_node_new (const char *id)
{
  return g_object_new (VA_TYPE_MESSAGE_NODE, "id", id, NULL);
}

const char *
va_message_node_get_text (VaMessageNode *self)
{
  g_return_val_if_fail (VA_IS_MESSAGE_NODE (self), NULL);

  return self->text;
}

void
va_message_node_set_text (VaMessageNode *self,
                          const char *text)
{
  g_return_if_fail (VA_IS_MESSAGE_NODE (self));

  if (va_str_set (&self->text, text))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

const char * const *
va_message_node_get_variations (VaMessageNode *self)
{
  g_return_val_if_fail (VA_IS_MESSAGE_NODE (self), NULL);

  return (const char * const *) self->variations;
}

void
va_message_node_set_variations (VaMessageNode *self,
                                const char * const *variations)
{
  g_return_if_fail (VA_IS_MESSAGE_NODE (self));

  if (va_strv_set (&self->variations, variations))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VARIATIONS]);
}
