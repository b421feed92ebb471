/* va-entity-item.c
 *
 * An item of a closed-list entity, with its synonyms.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "va-entity-item.h"

struct _VaEntityItem
{
  GObject parent_instance;

  char *value;
  GStrv synonyms;
};

G_DEFINE_FINAL_TYPE (VaEntityItem, va_entity_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_VALUE,
  PROP_SYNONYMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
va_entity_item_finalize (GObject *object)
{
  VaEntityItem *self = (VaEntityItem *) object;

  g_clear_pointer (&self->value, g_free);
  g_clear_pointer (&self->synonyms, g_strfreev);

  G_OBJECT_CLASS (va_entity_item_parent_class)->finalize (object);
}

static void
va_entity_item_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  VaEntityItem *self = VA_ENTITY_ITEM (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      g_value_set_string (value, self->value);
      break;

    case PROP_SYNONYMS:
      g_value_set_boxed (value, self->synonyms);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
va_entity_item_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  VaEntityItem *self = VA_ENTITY_ITEM (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      va_entity_item_set_value (self, g_value_get_string (value));
      break;

    case PROP_SYNONYMS:
      va_entity_item_set_synonyms (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
va_entity_item_class_init (VaEntityItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = va_entity_item_finalize;
  object_class->get_property = va_entity_item_get_property;
  object_class->set_property = va_entity_item_set_property;

  properties[PROP_VALUE] =
    g_param_spec_string ("value", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SYNONYMS] =
    g_param_spec_boxed ("synonyms", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
va_entity_item_init (VaEntityItem *self)
{
}

VaEntityItem *
va_entity_item_new (void)
{
  return g_object_new (VA_TYPE_ENTITY_ITEM, NULL);
}

const char *
va_entity_item_get_value (VaEntityItem *self)
{
  g_return_val_if_fail (VA_IS_ENTITY_ITEM (self), NULL);

  return self->value;
}

void
va_entity_item_set_value (VaEntityItem *self,
                          const char *value)
{
  g_return_if_fail (VA_IS_ENTITY_ITEM (self));

  if (va_str_set (&self->value, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

const char * const *
va_entity_item_get_synonyms (VaEntityItem *self)
{
  g_return_val_if_fail (VA_IS_ENTITY_ITEM (self), NULL);

  return (const char * const *) self->synonyms;
}

void
va_entity_item_set_synonyms (VaEntityItem *self,
                             const char * const *synonyms)
{
  g_return_if_fail (VA_IS_ENTITY_ITEM (self));

  if (va_strv_set (&self->synonyms, synonyms))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNONYMS]);
}
