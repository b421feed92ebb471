/* va-variable.c
 *
 * A declared variable: name, scope and type.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "va-variable.h"
#include "va-enums.h"

struct _VaVariable
{
  GObject parent_instance;

  char *name;
  VaVariableScope scope;
  VaVariableType data_type;
  char *description;
};

G_DEFINE_FINAL_TYPE (VaVariable, va_variable, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_SCOPE,
  PROP_DATA_TYPE,
  PROP_DESCRIPTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
va_variable_finalize (GObject *object)
{
  VaVariable *self = (VaVariable *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (va_variable_parent_class)->finalize (object);
}

static void
va_variable_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  VaVariable *self = VA_VARIABLE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_SCOPE:
      g_value_set_enum (value, self->scope);
      break;

    case PROP_DATA_TYPE:
      g_value_set_enum (value, self->data_type);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
va_variable_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  VaVariable *self = VA_VARIABLE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      va_variable_set_name (self, g_value_get_string (value));
      break;

    case PROP_SCOPE:
      va_variable_set_scope (self, g_value_get_enum (value));
      break;

    case PROP_DATA_TYPE:
      va_variable_set_data_type (self, g_value_get_enum (value));
      break;

    case PROP_DESCRIPTION:
      va_variable_set_description (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
va_variable_class_init (VaVariableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = va_variable_finalize;
  object_class->get_property = va_variable_get_property;
  object_class->set_property = va_variable_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SCOPE] =
    g_param_spec_enum ("scope", NULL, NULL, VA_TYPE_VARIABLE_SCOPE, VA_VARIABLE_SCOPE_TOPIC,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DATA_TYPE] =
    g_param_spec_enum ("data-type", NULL, NULL, VA_TYPE_VARIABLE_TYPE, VA_VARIABLE_TYPE_STRING,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
va_variable_init (VaVariable *self)
{
  self->scope = VA_VARIABLE_SCOPE_TOPIC;
  self->data_type = VA_VARIABLE_TYPE_STRING;
}

VaVariable *
va_variable_new (void)
{
  return g_object_new (VA_TYPE_VARIABLE, NULL);
}

const char *
va_variable_get_name (VaVariable *self)
{
  g_return_val_if_fail (VA_IS_VARIABLE (self), NULL);

  return self->name;
}

void
va_variable_set_name (VaVariable *self,
                      const char *name)
{
  g_return_if_fail (VA_IS_VARIABLE (self));

  if (va_str_set (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

VaVariableScope
va_variable_get_scope (VaVariable *self)
{
  g_return_val_if_fail (VA_IS_VARIABLE (self), 0);

  return self->scope;
}

void
va_variable_set_scope (VaVariable *self,
                       VaVariableScope scope)
{
  g_return_if_fail (VA_IS_VARIABLE (self));

  if (self->scope != scope)
    {
      self->scope = scope;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCOPE]);
    }
}

VaVariableType
va_variable_get_data_type (VaVariable *self)
{
  g_return_val_if_fail (VA_IS_VARIABLE (self), 0);

  return self->data_type;
}

void
va_variable_set_data_type (VaVariable *self,
                           VaVariableType data_type)
{
  g_return_if_fail (VA_IS_VARIABLE (self));

  if (self->data_type != data_type)
    {
      self->data_type = data_type;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATA_TYPE]);
    }
}

const char *
va_variable_get_description (VaVariable *self)
{
  g_return_val_if_fail (VA_IS_VARIABLE (self), NULL);

  return self->description;
}

void
va_variable_set_description (VaVariable *self,
                             const char *description)
{
  g_return_if_fail (VA_IS_VARIABLE (self));

  if (va_str_set (&self->description, description))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}
