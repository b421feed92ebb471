/* va-node.c
 *
 * The base of every node kind of a topic's conversation graph: a stable id,
 * a canvas position and the outgoing edges ("ports"). A node kind lists its
 * ports so that the canvas, the validator and the runtime walk edges the same
 * way whatever the kind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "va-node.h"
#include "va-enums.h"
#include "va-action-node.h"
#include "va-choice.h"
#include "va-condition-branch.h"
#include "va-condition-node.h"
#include "va-end-node.h"
#include "va-escalate-node.h"
#include "va-message-node.h"
#include "va-question-node.h"
#include "va-redirect-node.h"
#include "va-set-variable-node.h"
#include "va-transfer-node.h"

typedef struct
{
  char *id;
  char *next;
  int x;
  int y;
} VaNodePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (VaNode, va_node, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_X,
  PROP_Y,
  PROP_NEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
va_node_real_list_ports (VaNode    *self,
                         GPtrArray *ports)
{
  if (VA_NODE_GET_CLASS (self)->has_next)
    g_ptr_array_add (ports, va_port_new (self, "next", NULL));
}

static void
va_node_finalize (GObject *object)
{
  VaNodePrivate *priv = va_node_get_instance_private (VA_NODE (object));

  g_clear_pointer (&priv->id, g_free);
  g_clear_pointer (&priv->next, g_free);

  G_OBJECT_CLASS (va_node_parent_class)->finalize (object);
}

static void
va_node_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  VaNode *self = VA_NODE (object);
  VaNodePrivate *priv = va_node_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, priv->id);
      break;

    case PROP_KIND:
      g_value_set_enum (value, va_node_get_kind (self));
      break;

    case PROP_X:
      g_value_set_int (value, priv->x);
      break;

    case PROP_Y:
      g_value_set_int (value, priv->y);
      break;

    case PROP_NEXT:
      g_value_set_string (value, priv->next);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
va_node_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  VaNode *self = VA_NODE (object);
  VaNodePrivate *priv = va_node_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_ID:
      priv->id = g_value_dup_string (value);
      break;

    case PROP_X:
      va_node_set_position (self, g_value_get_int (value), priv->y);
      break;

    case PROP_Y:
      va_node_set_position (self, priv->x, g_value_get_int (value));
      break;

    case PROP_NEXT:
      va_node_set_next (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
va_node_class_init (VaNodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = va_node_finalize;
  object_class->get_property = va_node_get_property;
  object_class->set_property = va_node_set_property;

  klass->list_ports = va_node_real_list_ports;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, VA_TYPE_NODE_KIND, VA_NODE_KIND_MESSAGE,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* Canvas coordinates are integers so that the file format stays exact. */
  properties[PROP_X] =
    g_param_spec_int ("x", NULL, NULL, -1000000, 1000000, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_Y] =
    g_param_spec_int ("y", NULL, NULL, -1000000, 1000000, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NEXT] =
    g_param_spec_string ("next", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
va_node_init (VaNode *self)
{
}

/**
 * va_node_new_for_kind:
 * @kind: the node kind
 * @id: the node's id, unique in its topic
 *
 * Creates a node of the class that implements @kind.
 *
 * Returns: (transfer full): a new node
 */
VaNode *
va_node_new_for_kind (VaNodeKind  kind,
                      const char *id)
{
  GType type;

  switch (kind)
    {
    case VA_NODE_KIND_MESSAGE:      type = VA_TYPE_MESSAGE_NODE; break;
    case VA_NODE_KIND_QUESTION:     type = VA_TYPE_QUESTION_NODE; break;
    case VA_NODE_KIND_CONDITION:    type = VA_TYPE_CONDITION_NODE; break;
    case VA_NODE_KIND_SET_VARIABLE: type = VA_TYPE_SET_VARIABLE_NODE; break;
    case VA_NODE_KIND_ACTION:       type = VA_TYPE_ACTION_NODE; break;
    case VA_NODE_KIND_REDIRECT:     type = VA_TYPE_REDIRECT_NODE; break;
    case VA_NODE_KIND_END:          type = VA_TYPE_END_NODE; break;
    case VA_NODE_KIND_ESCALATE:     type = VA_TYPE_ESCALATE_NODE; break;
    case VA_NODE_KIND_TRANSFER:     type = VA_TYPE_TRANSFER_NODE; break;
    default:
      g_return_val_if_reached (NULL);
    }

  return g_object_new (type, "id", id, NULL);
}

VaNodeKind
va_node_get_kind (VaNode *self)
{
  g_return_val_if_fail (VA_IS_NODE (self), VA_NODE_KIND_MESSAGE);

  return VA_NODE_GET_CLASS (self)->kind;
}

/**
 * va_node_kind_to_string:
 * @kind: a node kind
 *
 * Returns: the name of @kind in the file format ("message", "set-variable", …)
 */
const char *
va_node_kind_to_string (VaNodeKind kind)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (VA_TYPE_NODE_KIND);
  GEnumValue *value = g_enum_get_value (klass, kind);

  return value != NULL ? value->value_nick : NULL;
}

gboolean
va_node_kind_from_string (const char *str,
                          VaNodeKind *kind)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (VA_TYPE_NODE_KIND);
  GEnumValue *value = str != NULL ? g_enum_get_value_by_nick (klass, str) : NULL;

  if (value == NULL)
    return FALSE;
  *kind = value->value;
  return TRUE;
}

/**
 * va_node_kind_get_display_name:
 * @kind: a node kind
 *
 * Returns: the translated name of @kind for the user interface
 */
const char *
va_node_kind_get_display_name (VaNodeKind kind)
{
  switch (kind)
    {
    case VA_NODE_KIND_MESSAGE:      return _("Message");
    case VA_NODE_KIND_QUESTION:     return _("Question");
    case VA_NODE_KIND_CONDITION:    return _("Condition");
    case VA_NODE_KIND_SET_VARIABLE: return _("Set variable");
    case VA_NODE_KIND_ACTION:       return _("Call action");
    case VA_NODE_KIND_REDIRECT:     return _("Redirect");
    case VA_NODE_KIND_END:          return _("End conversation");
    case VA_NODE_KIND_ESCALATE:     return _("Escalate");
    case VA_NODE_KIND_TRANSFER:     return _("Transfer to agent");
    default:                        return "";
    }
}

const char *
va_node_get_id (VaNode *self)
{
  VaNodePrivate *priv = va_node_get_instance_private (self);

  g_return_val_if_fail (VA_IS_NODE (self), NULL);

  return priv->id;
}

int
va_node_get_x (VaNode *self)
{
  VaNodePrivate *priv = va_node_get_instance_private (self);

  g_return_val_if_fail (VA_IS_NODE (self), 0);

  return priv->x;
}

int
va_node_get_y (VaNode *self)
{
  VaNodePrivate *priv = va_node_get_instance_private (self);

  g_return_val_if_fail (VA_IS_NODE (self), 0);

  return priv->y;
}

/**
 * va_node_set_position:
 * @self: a node
 * @x: canvas x coordinate
 * @y: canvas y coordinate
 *
 * Moves the node on the canvas. Values are clamped to the range the file
 * format accepts.
 */
void
va_node_set_position (VaNode *self,
                      int     x,
                      int     y)
{
  VaNodePrivate *priv = va_node_get_instance_private (self);
  gboolean x_changed;
  gboolean y_changed;

  g_return_if_fail (VA_IS_NODE (self));

  x = CLAMP (x, -1000000, 1000000);
  y = CLAMP (y, -1000000, 1000000);
  x_changed = priv->x != x;
  y_changed = priv->y != y;

  /* Both values are in place before either notification, as freezing
   * notifications would have them, without what a freeze costs (a file
   * of thousands of nodes sets as many positions).
   */
  priv->x = x;
  priv->y = y;
  if (x_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_X]);
  if (y_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_Y]);
}

const char *
va_node_get_next (VaNode *self)
{
  VaNodePrivate *priv = va_node_get_instance_private (self);

  g_return_val_if_fail (VA_IS_NODE (self), NULL);

  return priv->next;
}

void
va_node_set_next (VaNode     *self,
                  const char *next)
{
  VaNodePrivate *priv = va_node_get_instance_private (self);

  g_return_if_fail (VA_IS_NODE (self));

  if (next != NULL && next[0] == '\0')
    next = NULL;
  if (va_str_set (&priv->next, next))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEXT]);
}

gboolean
va_node_has_next (VaNode *self)
{
  g_return_val_if_fail (VA_IS_NODE (self), FALSE);

  return VA_NODE_GET_CLASS (self)->has_next;
}

/**
 * va_node_list_ports:
 * @self: a node
 *
 * Lists the outgoing edge slots of the node in display order: for a
 * question its options then "next", for a condition its branches then
 * "all other conditions", for an action success then failure.
 *
 * Returns: (transfer container) (element-type VaPort): the ports
 */
GPtrArray *
va_node_list_ports (VaNode *self)
{
  GPtrArray *ports;

  g_return_val_if_fail (VA_IS_NODE (self), NULL);

  ports = g_ptr_array_new_with_free_func ((GDestroyNotify) va_port_free);
  VA_NODE_GET_CLASS (self)->list_ports (self, ports);
  return ports;
}

/**
 * va_port_new:
 * @owner: the object holding the target id
 * @property: (not nullable): a static string: the name of the property
 * @label: (nullable): the branch label
 *
 * Returns: (transfer full): a new port
 */
VaPort *
va_port_new (gpointer    owner,
             const char *property,
             const char *label)
{
  VaPort *port = g_new0 (VaPort, 1);

  port->owner = g_object_ref (G_OBJECT (owner));
  port->property = property;
  port->label = g_strdup (label);
  return port;
}

void
va_port_free (VaPort *port)
{
  if (port == NULL)
    return;

  g_clear_object (&port->owner);
  g_free (port->label);
  g_free (port);
}

/**
 * va_port_get_target:
 * @port: a port
 *
 * Returns: (nullable): the id of the node the port leads to, or %NULL
 */
const char *
va_port_get_target (const VaPort *port)
{
  g_return_val_if_fail (port != NULL, NULL);

  if (VA_IS_CHOICE (port->owner))
    return va_choice_get_next (VA_CHOICE (port->owner));
  if (VA_IS_CONDITION_BRANCH (port->owner))
    return va_condition_branch_get_next (VA_CONDITION_BRANCH (port->owner));
  if (VA_IS_CONDITION_NODE (port->owner) && g_str_equal (port->property, "else-next"))
    return va_condition_node_get_else_next (VA_CONDITION_NODE (port->owner));
  if (VA_IS_ACTION_NODE (port->owner) && g_str_equal (port->property, "failure-next"))
    return va_action_node_get_failure_next (VA_ACTION_NODE (port->owner));
  if (VA_IS_NODE (port->owner) && g_str_equal (port->property, "next"))
    return va_node_get_next (VA_NODE (port->owner));

  g_return_val_if_reached (NULL);
}
