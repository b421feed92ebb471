/* va-condition-node.c
 *
 * Branches on variables; the first branch whose clauses hold wins, else "all other conditions".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "va-condition-node.h"
#include "va-condition-branch.h"

struct _VaConditionNode
{
  VaNode parent_instance;

  char *else_next;
  GListStore *branches;
};

G_DEFINE_FINAL_TYPE (VaConditionNode, va_condition_node, VA_TYPE_NODE)

enum {
  PROP_0,
  PROP_ELSE_NEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
va_condition_node_finalize (GObject *object)
{
  VaConditionNode *self = (VaConditionNode *) object;

  g_clear_pointer (&self->else_next, g_free);
  g_clear_object (&self->branches);

  G_OBJECT_CLASS (va_condition_node_parent_class)->finalize (object);
}

static void
va_condition_node_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  VaConditionNode *self = VA_CONDITION_NODE (object);

  switch (prop_id)
    {
    case PROP_ELSE_NEXT:
      g_value_set_string (value, self->else_next);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
va_condition_node_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  VaConditionNode *self = VA_CONDITION_NODE (object);

  switch (prop_id)
    {
    case PROP_ELSE_NEXT:
      va_condition_node_set_else_next (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
va_condition_node_list_ports (VaNode    *node,
                              GPtrArray *ports)
{
  VaConditionNode *self = VA_CONDITION_NODE (node);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->branches));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VaConditionBranch) branch = g_list_model_get_item (G_LIST_MODEL (self->branches), i);
      g_autofree char *label = g_strdup_printf (_("Condition %u"), i + 1);

      g_ptr_array_add (ports, va_port_new (branch, "next", label));
    }

  g_ptr_array_add (ports, va_port_new (self, "else-next", _("All other conditions")));
}

static void
va_condition_node_class_init (VaConditionNodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  VaNodeClass *node_class = VA_NODE_CLASS (klass);

  object_class->finalize = va_condition_node_finalize;
  object_class->get_property = va_condition_node_get_property;
  object_class->set_property = va_condition_node_set_property;
  node_class->kind = VA_NODE_KIND_CONDITION;
  node_class->has_next = FALSE;
  node_class->list_ports = va_condition_node_list_ports;

  properties[PROP_ELSE_NEXT] =
    g_param_spec_string ("else-next", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
va_condition_node_init (VaConditionNode *self)
{
  self->branches = g_list_store_new (VA_TYPE_CONDITION_BRANCH);
}

/**
 * va_condition_node_new:
 * @id: the node's id, unique in its topic
 *
 * Returns: (transfer full): a new node
 */
VaConditionNode *
va_condition_node_new (const char *id)
{
  return g_object_new (VA_TYPE_CONDITION_NODE, "id", id, NULL);
}

const char *
va_condition_node_get_else_next (VaConditionNode *self)
{
  g_return_val_if_fail (VA_IS_CONDITION_NODE (self), NULL);

  return self->else_next;
}

void
va_condition_node_set_else_next (VaConditionNode *self,
                                 const char *else_next)
{
  g_return_if_fail (VA_IS_CONDITION_NODE (self));

  if (va_str_set (&self->else_next, else_next))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ELSE_NEXT]);
}

/**
 * va_condition_node_get_branches:
 *
 * Returns: (transfer none): the list of #VaConditionBranch (a #GListStore; edit it through #VaHistory)
 */
GListModel *
va_condition_node_get_branches (VaConditionNode *self)
{
  g_return_val_if_fail (VA_IS_CONDITION_NODE (self), NULL);

  return G_LIST_MODEL (self->branches);
}
