/* va-action-node.c
 *
 * Calls an HTTP endpoint; response fields go to variables; success and failure branches.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "va-action-node.h"
#include "va-response-mapping.h"
#include "va-enums.h"

struct _VaActionNode
{
  VaNode parent_instance;

  VaHttpMethod method;
  char *url;
  GStrv headers;
  char *body;
  int timeout;
  char *failure_next;
  GListStore *mappings;
};

G_DEFINE_FINAL_TYPE (VaActionNode, va_action_node, VA_TYPE_NODE)

enum {
  PROP_0,
  PROP_METHOD,
  PROP_URL,
  PROP_HEADERS,
  PROP_BODY,
  PROP_TIMEOUT,
  PROP_FAILURE_NEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
va_action_node_finalize (GObject *object)
{
  VaActionNode *self = (VaActionNode *) object;

  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->headers, g_strfreev);
  g_clear_pointer (&self->body, g_free);
  g_clear_pointer (&self->failure_next, g_free);
  g_clear_object (&self->mappings);

  G_OBJECT_CLASS (va_action_node_parent_class)->finalize (object);
}

static void
va_action_node_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  VaActionNode *self = VA_ACTION_NODE (object);

  switch (prop_id)
    {
    case PROP_METHOD:
      g_value_set_enum (value, self->method);
      break;

    case PROP_URL:
      g_value_set_string (value, self->url);
      break;

    case PROP_HEADERS:
      g_value_set_boxed (value, self->headers);
      break;

    case PROP_BODY:
      g_value_set_string (value, self->body);
      break;

    case PROP_TIMEOUT:
      g_value_set_int (value, self->timeout);
      break;

    case PROP_FAILURE_NEXT:
      g_value_set_string (value, self->failure_next);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
va_action_node_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  VaActionNode *self = VA_ACTION_NODE (object);

  switch (prop_id)
    {
    case PROP_METHOD:
      va_action_node_set_method (self, g_value_get_enum (value));
      break;

    case PROP_URL:
      va_action_node_set_url (self, g_value_get_string (value));
      break;

    case PROP_HEADERS:
      va_action_node_set_headers (self, g_value_get_boxed (value));
      break;

    case PROP_BODY:
      va_action_node_set_body (self, g_value_get_string (value));
      break;

    case PROP_TIMEOUT:
      va_action_node_set_timeout (self, g_value_get_int (value));
      break;

    case PROP_FAILURE_NEXT:
      va_action_node_set_failure_next (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
va_action_node_list_ports (VaNode    *node,
                           GPtrArray *ports)
{
  g_ptr_array_add (ports, va_port_new (node, "next", _("Success")));
  g_ptr_array_add (ports, va_port_new (node, "failure-next", _("Failure")));
}

static void
va_action_node_class_init (VaActionNodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  VaNodeClass *node_class = VA_NODE_CLASS (klass);

  object_class->finalize = va_action_node_finalize;
  object_class->get_property = va_action_node_get_property;
  object_class->set_property = va_action_node_set_property;
  node_class->kind = VA_NODE_KIND_ACTION;
  node_class->has_next = TRUE;
  node_class->list_ports = va_action_node_list_ports;

  properties[PROP_METHOD] =
    g_param_spec_enum ("method", NULL, NULL, VA_TYPE_HTTP_METHOD, VA_HTTP_METHOD_GET,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HEADERS] =
    g_param_spec_boxed ("headers", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BODY] =
    g_param_spec_string ("body", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIMEOUT] =
    g_param_spec_int ("timeout", NULL, NULL, 1, 120, 10,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FAILURE_NEXT] =
    g_param_spec_string ("failure-next", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
va_action_node_init (VaActionNode *self)
{
  self->method = VA_HTTP_METHOD_GET;
  self->timeout = 10;
  self->mappings = g_list_store_new (VA_TYPE_RESPONSE_MAPPING);
}

/**
 * va_action_node_new:
 * @id: the node's id, unique in its topic
 *
 * Returns: (transfer full): a new node
 */
VaActionNode *
va_action_node_new (const char *id)
{
  return g_object_new (VA_TYPE_ACTION_NODE, "id", id, NULL);
}

VaHttpMethod
va_action_node_get_method (VaActionNode *self)
{
  g_return_val_if_fail (VA_IS_ACTION_NODE (self), 0);

  return self->method;
}

void
va_action_node_set_method (VaActionNode *self,
                           VaHttpMethod method)
{
  g_return_if_fail (VA_IS_ACTION_NODE (self));

  if (self->method != method)
    {
      self->method = method;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_METHOD]);
    }
}

const char *
va_action_node_get_url (VaActionNode *self)
{
  g_return_val_if_fail (VA_IS_ACTION_NODE (self), NULL);

  return self->url;
}

void
va_action_node_set_url (VaActionNode *self,
                        const char *url)
{
  g_return_if_fail (VA_IS_ACTION_NODE (self));

  if (va_str_set (&self->url, url))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URL]);
}

const char * const *
va_action_node_get_headers (VaActionNode *self)
{
  g_return_val_if_fail (VA_IS_ACTION_NODE (self), NULL);

  return (const char * const *) self->headers;
}

void
va_action_node_set_headers (VaActionNode *self,
                            const char * const *headers)
{
  g_return_if_fail (VA_IS_ACTION_NODE (self));

  if (va_strv_set (&self->headers, headers))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HEADERS]);
}

const char *
va_action_node_get_body (VaActionNode *self)
{
  g_return_val_if_fail (VA_IS_ACTION_NODE (self), NULL);

  return self->body;
}

void
va_action_node_set_body (VaActionNode *self,
                         const char *body)
{
  g_return_if_fail (VA_IS_ACTION_NODE (self));

  if (va_str_set (&self->body, body))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BODY]);
}

int
va_action_node_get_timeout (VaActionNode *self)
{
  g_return_val_if_fail (VA_IS_ACTION_NODE (self), 0);

  return self->timeout;
}

void
va_action_node_set_timeout (VaActionNode *self,
                            int timeout)
{
  g_return_if_fail (VA_IS_ACTION_NODE (self));

  if (self->timeout != timeout)
    {
      self->timeout = timeout;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
    }
}

const char *
va_action_node_get_failure_next (VaActionNode *self)
{
  g_return_val_if_fail (VA_IS_ACTION_NODE (self), NULL);

  return self->failure_next;
}

void
va_action_node_set_failure_next (VaActionNode *self,
                                 const char *failure_next)
{
  g_return_if_fail (VA_IS_ACTION_NODE (self));

  if (va_str_set (&self->failure_next, failure_next))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAILURE_NEXT]);
}

/**
 * va_action_node_get_mappings:
 *
 * Returns: (transfer none): the list of #VaResponseMapping (a #GListStore; edit it through #VaHistory)
 */
GListModel *
va_action_node_get_mappings (VaActionNode *self)
{
  g_return_val_if_fail (VA_IS_ACTION_NODE (self), NULL);

  return G_LIST_MODEL (self->mappings);
}
