/* va-response-mapping.c
 *
 * Saves a field of an HTTP response (a JSON path) into a variable.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "va-response-mapping.h"

struct _VaResponseMapping
{
  GObject parent_instance;

  char *path;
  char *variable;
};

G_DEFINE_FINAL_TYPE (VaResponseMapping, va_response_mapping, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_VARIABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
va_response_mapping_finalize (GObject *object)
{
  VaResponseMapping *self = (VaResponseMapping *) object;

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->variable, g_free);

  G_OBJECT_CLASS (va_response_mapping_parent_class)->finalize (object);
}

static void
va_response_mapping_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  VaResponseMapping *self = VA_RESPONSE_MAPPING (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_VARIABLE:
      g_value_set_string (value, self->variable);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
va_response_mapping_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  VaResponseMapping *self = VA_RESPONSE_MAPPING (object);

  switch (prop_id)
    {
    case PROP_PATH:
      va_response_mapping_set_path (self, g_value_get_string (value));
      break;

    case PROP_VARIABLE:
      va_response_mapping_set_variable (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
va_response_mapping_class_init (VaResponseMappingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = va_response_mapping_finalize;
  object_class->get_property = va_response_mapping_get_property;
  object_class->set_property = va_response_mapping_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VARIABLE] =
    g_param_spec_string ("variable", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
va_response_mapping_init (VaResponseMapping *self)
{
}

VaResponseMapping *
va_response_mapping_new (void)
{
  return g_object_new (VA_TYPE_RESPONSE_MAPPING, NULL);
}

const char *
va_response_mapping_get_path (VaResponseMapping *self)
{
  g_return_val_if_fail (VA_IS_RESPONSE_MAPPING (self), NULL);

  return self->path;
}

void
va_response_mapping_set_path (VaResponseMapping *self,
                              const char *path)
{
  g_return_if_fail (VA_IS_RESPONSE_MAPPING (self));

  if (va_str_set (&self->path, path))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
}

const char *
va_response_mapping_get_variable (VaResponseMapping *self)
{
  g_return_val_if_fail (VA_IS_RESPONSE_MAPPING (self), NULL);

  return self->variable;
}

void
va_response_mapping_set_variable (VaResponseMapping *self,
                                  const char *variable)
{
  g_return_if_fail (VA_IS_RESPONSE_MAPPING (self));

  if (va_str_set (&self->variable, variable))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VARIABLE]);
}
