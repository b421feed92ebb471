/* va-escalate-node.c
 *
 * Hands the conversation to the Escalate system topic.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "va-escalate-node.h"

struct _VaEscalateNode
{
  VaNode parent_instance;

};

G_DEFINE_FINAL_TYPE (VaEscalateNode, va_escalate_node, VA_TYPE_NODE)

static void
va_escalate_node_class_init (VaEscalateNodeClass *klass)
{
  VaNodeClass *node_class = VA_NODE_CLASS (klass);

  node_class->kind = VA_NODE_KIND_ESCALATE;
  node_class->has_next = FALSE;

}

static void
va_escalate_node_init (VaEscalateNode *self)
{
}

/**
 * va_escalate_node_new:
 * @id: the node's id, unique in its topic
 *
 * Returns: (transfer full): a new node
 */
VaEscalateNode *
va_escalate_node_new (const char *id)
{
  return g_object_new (VA_TYPE_ESCALATE_NODE, "id", id, NULL);
}
