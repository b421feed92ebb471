/* va-transfer-node.c
 *
 * Ends the bot's part and starts the handoff to a live agent.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "va-transfer-node.h"

struct _VaTransferNode
{
  VaNode parent_instance;

  char *agent_message;
};

G_DEFINE_FINAL_TYPE (VaTransferNode, va_transfer_node, VA_TYPE_NODE)

enum {
  PROP_0,
  PROP_AGENT_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
va_transfer_node_finalize (GObject *object)
{
  VaTransferNode *self = (VaTransferNode *) object;

  g_clear_pointer (&self->agent_message, g_free);

  G_OBJECT_CLASS (va_transfer_node_parent_class)->finalize (object);
}

static void
va_transfer_node_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  VaTransferNode *self = VA_TRANSFER_NODE (object);

  switch (prop_id)
    {
    case PROP_AGENT_MESSAGE:
      g_value_set_string (value, self->agent_message);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
va_transfer_node_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  VaTransferNode *self = VA_TRANSFER_NODE (object);

  switch (prop_id)
    {
    case PROP_AGENT_MESSAGE:
      va_transfer_node_set_agent_message (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
va_transfer_node_class_init (VaTransferNodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  VaNodeClass *node_class = VA_NODE_CLASS (klass);

  object_class->finalize = va_transfer_node_finalize;
  object_class->get_property = va_transfer_node_get_property;
  object_class->set_property = va_transfer_node_set_property;
  node_class->kind = VA_NODE_KIND_TRANSFER;
  node_class->has_next = FALSE;

  properties[PROP_AGENT_MESSAGE] =
    g_param_spec_string ("agent-message", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
va_transfer_node_init (VaTransferNode *self)
{
}

/**
 * va_transfer_node_new:
 * @id: the node's id, unique in its topic
 *
 * Returns: (transfer full): a new node
 */
VaTransferNode *
va_transfer_node_new (const char *id)
{
  return g_object_new (VA_TYPE_TRANSFER_NODE, "id", id, NULL);
}

const char *
va_transfer_node_get_agent_message (VaTransferNode *self)
{
  g_return_val_if_fail (VA_IS_TRANSFER_NODE (self), NULL);

  return self->agent_message;
}

void
va_transfer_node_set_agent_message (VaTransferNode *self,
                                    const char *agent_message)
{
  g_return_if_fail (VA_IS_TRANSFER_NODE (self));

  if (va_str_set (&self->agent_message, agent_message))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AGENT_MESSAGE]);
}
