/* va-entity.c
 *
 * A custom entity: a closed list of items or a regular expression.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "va-entity.h"
#include "va-entity-item.h"
#include "va-enums.h"

struct _VaEntity
{
  GObject parent_instance;

  char *id;
  char *name;
  VaEntityKind kind;
  char *pattern;
  GListStore *items;
};

G_DEFINE_FINAL_TYPE (VaEntity, va_entity, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_KIND,
  PROP_PATTERN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
va_entity_finalize (GObject *object)
{
  VaEntity *self = (VaEntity *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->pattern, g_free);
  g_clear_object (&self->items);

  G_OBJECT_CLASS (va_entity_parent_class)->finalize (object);
}

static void
va_entity_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  VaEntity *self = VA_ENTITY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_PATTERN:
      g_value_set_string (value, self->pattern);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
va_entity_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  VaEntity *self = VA_ENTITY (object);

  switch (prop_id)
    {
    case PROP_ID:
      va_entity_set_id (self, g_value_get_string (value));
      break;

    case PROP_NAME:
      va_entity_set_name (self, g_value_get_string (value));
      break;

    case PROP_KIND:
      va_entity_set_kind (self, g_value_get_enum (value));
      break;

    case PROP_PATTERN:
      va_entity_set_pattern (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
va_entity_class_init (VaEntityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = va_entity_finalize;
  object_class->get_property = va_entity_get_property;
  object_class->set_property = va_entity_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, VA_TYPE_ENTITY_KIND, VA_ENTITY_KIND_LIST,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PATTERN] =
    g_param_spec_string ("pattern", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
va_entity_init (VaEntity *self)
{
  self->kind = VA_ENTITY_KIND_LIST;
  self->items = g_list_store_new (VA_TYPE_ENTITY_ITEM);
}

VaEntity *
va_entity_new (void)
{
  return g_object_new (VA_TYPE_ENTITY, NULL);
}

const char *
va_entity_get_id (VaEntity *self)
{
  g_return_val_if_fail (VA_IS_ENTITY (self), NULL);

  return self->id;
}

void
va_entity_set_id (VaEntity *self,
                  const char *id)
{
  g_return_if_fail (VA_IS_ENTITY (self));

  if (va_str_set (&self->id, id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
va_entity_get_name (VaEntity *self)
{
  g_return_val_if_fail (VA_IS_ENTITY (self), NULL);

  return self->name;
}

void
va_entity_set_name (VaEntity *self,
                    const char *name)
{
  g_return_if_fail (VA_IS_ENTITY (self));

  if (va_str_set (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

VaEntityKind
va_entity_get_kind (VaEntity *self)
{
  g_return_val_if_fail (VA_IS_ENTITY (self), 0);

  return self->kind;
}

void
va_entity_set_kind (VaEntity *self,
                    VaEntityKind kind)
{
  g_return_if_fail (VA_IS_ENTITY (self));

  if (self->kind != kind)
    {
      self->kind = kind;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
    }
}

const char *
va_entity_get_pattern (VaEntity *self)
{
  g_return_val_if_fail (VA_IS_ENTITY (self), NULL);

  return self->pattern;
}

void
va_entity_set_pattern (VaEntity *self,
                       const char *pattern)
{
  g_return_if_fail (VA_IS_ENTITY (self));

  if (va_str_set (&self->pattern, pattern))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATTERN]);
}

/**
 * va_entity_get_items:
 *
 * Returns: (transfer none): the list of #VaEntityItem (a #GListStore; edit it through #VaHistory)
 */
GListModel *
va_entity_get_items (VaEntity *self)
{
  g_return_val_if_fail (VA_IS_ENTITY (self), NULL);

  return G_LIST_MODEL (self->items);
}

static const char * const prebuilt_entities[] = {
  "boolean", "number", "integer", "money", "percentage", "age", "email",
  "phone", "url", "date", "time", "text", NULL
};

/**
 * va_entity_list_prebuilt:
 *
 * The prebuilt entities a question can identify, by the names the file
 * format uses; "text" is the user's entire response.
 *
 * Returns: (transfer none): a %NULL-terminated array
 */
const char * const *
va_entity_list_prebuilt (void)
{
  return prebuilt_entities;
}

gboolean
va_entity_is_prebuilt (const char *name)
{
  return name != NULL && g_strv_contains (prebuilt_entities, name);
}
