/* va-set-variable-node.c
 *
 * Sets a variable to a literal or a {Variable} template.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "va-set-variable-node.h"

struct _VaSetVariableNode
{
  VaNode parent_instance;

  char *variable;
  char *value;
};

G_DEFINE_FINAL_TYPE (VaSetVariableNode, va_set_variable_node, VA_TYPE_NODE)

enum {
  PROP_0,
  PROP_VARIABLE,
  PROP_VALUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
va_set_variable_node_finalize (GObject *object)
{
  VaSetVariableNode *self = (VaSetVariableNode *) object;

  g_clear_pointer (&self->variable, g_free);
  g_clear_pointer (&self->value, g_free);

  G_OBJECT_CLASS (va_set_variable_node_parent_class)->finalize (object);
}

static void
va_set_variable_node_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  VaSetVariableNode *self = VA_SET_VARIABLE_NODE (object);

  switch (prop_id)
    {
    case PROP_VARIABLE:
      g_value_set_string (value, self->variable);
      break;

    case PROP_VALUE:
      g_value_set_string (value, self->value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
va_set_variable_node_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  VaSetVariableNode *self = VA_SET_VARIABLE_NODE (object);

  switch (prop_id)
    {
    case PROP_VARIABLE:
      va_set_variable_node_set_variable (self, g_value_get_string (value));
      break;

    case PROP_VALUE:
      va_set_variable_node_set_value (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
va_set_variable_node_class_init (VaSetVariableNodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  VaNodeClass *node_class = VA_NODE_CLASS (klass);

  object_class->finalize = va_set_variable_node_finalize;
  object_class->get_property = va_set_variable_node_get_property;
  object_class->set_property = va_set_variable_node_set_property;
  node_class->kind = VA_NODE_KIND_SET_VARIABLE;
  node_class->has_next = TRUE;

  properties[PROP_VARIABLE] =
    g_param_spec_string ("variable", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VALUE] =
    g_param_spec_string ("value", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
va_set_variable_node_init (VaSetVariableNode *self)
{
}

/**
 * va_set_variable_node_new:
 * @id: the node's id, unique in its topic
 *
 * Returns: (transfer full): a new node
 */
VaSetVariableNode *
va_set_variable_node_new (const char *id)
{
  return g_object_new (VA_TYPE_SET_VARIABLE_NODE, "id", id, NULL);
}

const char *
va_set_variable_node_get_variable (VaSetVariableNode *self)
{
  g_return_val_if_fail (VA_IS_SET_VARIABLE_NODE (self), NULL);

  return self->variable;
}

void
va_set_variable_node_set_variable (VaSetVariableNode *self,
                                   const char *variable)
{
  g_return_if_fail (VA_IS_SET_VARIABLE_NODE (self));

  if (va_str_set (&self->variable, variable))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VARIABLE]);
}

const char *
va_set_variable_node_get_value (VaSetVariableNode *self)
{
  g_return_val_if_fail (VA_IS_SET_VARIABLE_NODE (self), NULL);

  return self->value;
}

void
va_set_variable_node_set_value (VaSetVariableNode *self,
                                const char *value)
{
  g_return_if_fail (VA_IS_SET_VARIABLE_NODE (self));

  if (va_str_set (&self->value, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}
