/* va-topic.c
 *
 * A topic: trigger phrases and a conversation graph of nodes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "va-topic.h"
#include "va-node.h"
#include "va-variable.h"
#include "va-enums.h"

struct _VaTopic
{
  GObject parent_instance;

  char *id;
  char *name;
  char *description;
  gboolean enabled;
  VaSystemTopic system;
  GStrv trigger_phrases;
  char *start;
  GListStore *nodes;
  GListStore *variables;
};

G_DEFINE_FINAL_TYPE (VaTopic, va_topic, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_ENABLED,
  PROP_SYSTEM,
  PROP_TRIGGER_PHRASES,
  PROP_START,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
va_topic_finalize (GObject *object)
{
  VaTopic *self = (VaTopic *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->trigger_phrases, g_strfreev);
  g_clear_pointer (&self->start, g_free);
  g_clear_object (&self->nodes);
  g_clear_object (&self->variables);

  G_OBJECT_CLASS (va_topic_parent_class)->finalize (object);
}

static void
va_topic_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  VaTopic *self = VA_TOPIC (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;

    case PROP_SYSTEM:
      g_value_set_enum (value, self->system);
      break;

    case PROP_TRIGGER_PHRASES:
      g_value_set_boxed (value, self->trigger_phrases);
      break;

    case PROP_START:
      g_value_set_string (value, self->start);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
va_topic_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  VaTopic *self = VA_TOPIC (object);

  switch (prop_id)
    {
    case PROP_ID:
      va_topic_set_id (self, g_value_get_string (value));
      break;

    case PROP_NAME:
      va_topic_set_name (self, g_value_get_string (value));
      break;

    case PROP_DESCRIPTION:
      va_topic_set_description (self, g_value_get_string (value));
      break;

    case PROP_ENABLED:
      va_topic_set_enabled (self, g_value_get_boolean (value));
      break;

    case PROP_SYSTEM:
      va_topic_set_system (self, g_value_get_enum (value));
      break;

    case PROP_TRIGGER_PHRASES:
      va_topic_set_trigger_phrases (self, g_value_get_boxed (value));
      break;

    case PROP_START:
      va_topic_set_start (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
va_topic_class_init (VaTopicClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = va_topic_finalize;
  object_class->get_property = va_topic_get_property;
  object_class->set_property = va_topic_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENABLED] =
    g_param_spec_boolean ("enabled", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SYSTEM] =
    g_param_spec_enum ("system", NULL, NULL, VA_TYPE_SYSTEM_TOPIC, VA_SYSTEM_TOPIC_NONE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TRIGGER_PHRASES] =
    g_param_spec_boxed ("trigger-phrases", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_START] =
    g_param_spec_string ("start", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
va_topic_init (VaTopic *self)
{
  self->enabled = TRUE;
  self->system = VA_SYSTEM_TOPIC_NONE;
  self->nodes = g_list_store_new (VA_TYPE_NODE);
  self->variables = g_list_store_new (VA_TYPE_VARIABLE);
}

VaTopic *
va_topic_new (void)
{
  return g_object_new (VA_TYPE_TOPIC, NULL);
}

const char *
va_topic_get_id (VaTopic *self)
{
  g_return_val_if_fail (VA_IS_TOPIC (self), NULL);

  return self->id;
}

void
va_topic_set_id (VaTopic *self,
                 const char *id)
{
  g_return_if_fail (VA_IS_TOPIC (self));

  if (va_str_set (&self->id, id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
va_topic_get_name (VaTopic *self)
{
  g_return_val_if_fail (VA_IS_TOPIC (self), NULL);

  return self->name;
}

void
va_topic_set_name (VaTopic *self,
                   const char *name)
{
  g_return_if_fail (VA_IS_TOPIC (self));

  if (va_str_set (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
va_topic_get_description (VaTopic *self)
{
  g_return_val_if_fail (VA_IS_TOPIC (self), NULL);

  return self->description;
}

void
va_topic_set_description (VaTopic *self,
                          const char *description)
{
  g_return_if_fail (VA_IS_TOPIC (self));

  if (va_str_set (&self->description, description))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

gboolean
va_topic_get_enabled (VaTopic *self)
{
  g_return_val_if_fail (VA_IS_TOPIC (self), 0);

  return self->enabled;
}

void
va_topic_set_enabled (VaTopic *self,
                      gboolean enabled)
{
  g_return_if_fail (VA_IS_TOPIC (self));

  enabled = !!enabled;
  if (self->enabled != enabled)
    {
      self->enabled = enabled;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENABLED]);
    }
}

VaSystemTopic
va_topic_get_system (VaTopic *self)
{
  g_return_val_if_fail (VA_IS_TOPIC (self), 0);

  return self->system;
}

void
va_topic_set_system (VaTopic *self,
                     VaSystemTopic system)
{
  g_return_if_fail (VA_IS_TOPIC (self));

  if (self->system != system)
    {
      self->system = system;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYSTEM]);
    }
}

const char * const *
va_topic_get_trigger_phrases (VaTopic *self)
{
  g_return_val_if_fail (VA_IS_TOPIC (self), NULL);

  return (const char * const *) self->trigger_phrases;
}

void
va_topic_set_trigger_phrases (VaTopic *self,
                              const char * const *trigger_phrases)
{
  g_return_if_fail (VA_IS_TOPIC (self));

  if (va_strv_set (&self->trigger_phrases, trigger_phrases))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRIGGER_PHRASES]);
}

const char *
va_topic_get_start (VaTopic *self)
{
  g_return_val_if_fail (VA_IS_TOPIC (self), NULL);

  return self->start;
}

void
va_topic_set_start (VaTopic *self,
                    const char *start)
{
  g_return_if_fail (VA_IS_TOPIC (self));

  if (va_str_set (&self->start, start))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_START]);
}

/**
 * va_topic_get_nodes:
 *
 * Returns: (transfer none): the list of #VaNode (a #GListStore; edit it through #VaHistory)
 */
GListModel *
va_topic_get_nodes (VaTopic *self)
{
  g_return_val_if_fail (VA_IS_TOPIC (self), NULL);

  return G_LIST_MODEL (self->nodes);
}

/**
 * va_topic_get_variables:
 *
 * Returns: (transfer none): the list of #VaVariable (a #GListStore; edit it through #VaHistory)
 */
GListModel *
va_topic_get_variables (VaTopic *self)
{
  g_return_val_if_fail (VA_IS_TOPIC (self), NULL);

  return G_LIST_MODEL (self->variables);
}

/**
 * va_topic_find_node:
 * @self: a topic
 * @id: a node id
 * @position: (out) (optional): where the node stands in the list of nodes
 *
 * Returns: (transfer none) (nullable): the node with @id, or %NULL
 */
VaNode *
va_topic_find_node (VaTopic    *self,
                    const char *id,
                    guint      *position)
{
  g_return_val_if_fail (VA_IS_TOPIC (self), NULL);

  return va_list_find_by_id (G_LIST_MODEL (self->nodes), (gpointer) va_node_get_id, id, position);
}

/**
 * va_topic_make_node_id:
 * @self: a topic
 *
 * Returns: (transfer full): an id that no node of the topic has ("n1", "n2", …)
 */
char *
va_topic_make_node_id (VaTopic *self)
{
  guint n;
  guint64 max = 0;
  char *id;

  g_return_val_if_fail (VA_IS_TOPIC (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->nodes));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VaNode) node = g_list_model_get_item (G_LIST_MODEL (self->nodes), i);
      const char *node_id = va_node_get_id (node);

      if (node_id[0] == 'n' && g_ascii_isdigit (node_id[1]))
        max = MAX (max, MIN (g_ascii_strtoull (node_id + 1, NULL, 10), G_MAXUINT32));
    }

  /* Hand-written ids may saturate the counter; keep looking until free. */
  id = g_strdup_printf ("n%" G_GUINT64_FORMAT, max + 1);
  for (guint64 k = max + 2; va_topic_find_node (self, id, NULL) != NULL; k++)
    {
      g_free (id);
      id = g_strdup_printf ("n%" G_GUINT64_FORMAT, k);
    }
  return id;
}

gboolean
va_topic_is_system (VaTopic *self)
{
  g_return_val_if_fail (VA_IS_TOPIC (self), FALSE);

  return self->system != VA_SYSTEM_TOPIC_NONE;
}

/**
 * va_system_topic_to_string:
 * @kind: a system topic kind
 *
 * Returns: the name of @kind in the file format ("escalate", …)
 */
const char *
va_system_topic_to_string (VaSystemTopic kind)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (VA_TYPE_SYSTEM_TOPIC);
  GEnumValue *value = g_enum_get_value (klass, kind);

  return value != NULL ? value->value_nick : NULL;
}
