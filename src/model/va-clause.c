/* va-clause.c
 *
 * One test of a condition branch: variable, operator and value.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "va-clause.h"
#include "va-enums.h"

struct _VaClause
{
  GObject parent_instance;

  char *variable;
  VaOperator operator;
  char *value;
};

G_DEFINE_FINAL_TYPE (VaClause, va_clause, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_VARIABLE,
  PROP_OPERATOR,
  PROP_VALUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
va_clause_finalize (GObject *object)
{
  VaClause *self = (VaClause *) object;

  g_clear_pointer (&self->variable, g_free);
  g_clear_pointer (&self->value, g_free);

  G_OBJECT_CLASS (va_clause_parent_class)->finalize (object);
}

static void
va_clause_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  VaClause *self = VA_CLAUSE (object);

  switch (prop_id)
    {
    case PROP_VARIABLE:
      g_value_set_string (value, self->variable);
      break;

    case PROP_OPERATOR:
      g_value_set_enum (value, self->operator);
      break;

    case PROP_VALUE:
      g_value_set_string (value, self->value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
va_clause_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  VaClause *self = VA_CLAUSE (object);

  switch (prop_id)
    {
    case PROP_VARIABLE:
      va_clause_set_variable (self, g_value_get_string (value));
      break;

    case PROP_OPERATOR:
      va_clause_set_operator (self, g_value_get_enum (value));
      break;

    case PROP_VALUE:
      va_clause_set_value (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
va_clause_class_init (VaClauseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = va_clause_finalize;
  object_class->get_property = va_clause_get_property;
  object_class->set_property = va_clause_set_property;

  properties[PROP_VARIABLE] =
    g_param_spec_string ("variable", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OPERATOR] =
    g_param_spec_enum ("operator", NULL, NULL, VA_TYPE_OPERATOR, VA_OPERATOR_EQUALS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VALUE] =
    g_param_spec_string ("value", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
va_clause_init (VaClause *self)
{
  self->operator = VA_OPERATOR_EQUALS;
}

VaClause *
va_clause_new (void)
{
  return g_object_new (VA_TYPE_CLAUSE, NULL);
}

const char *
va_clause_get_variable (VaClause *self)
{
  g_return_val_if_fail (VA_IS_CLAUSE (self), NULL);

  return self->variable;
}

void
va_clause_set_variable (VaClause *self,
                        const char *variable)
{
  g_return_if_fail (VA_IS_CLAUSE (self));

  if (va_str_set (&self->variable, variable))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VARIABLE]);
}

VaOperator
va_clause_get_operator (VaClause *self)
{
  g_return_val_if_fail (VA_IS_CLAUSE (self), 0);

  return self->operator;
}

void
va_clause_set_operator (VaClause *self,
                        VaOperator operator)
{
  g_return_if_fail (VA_IS_CLAUSE (self));

  if (self->operator != operator)
    {
      self->operator = operator;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPERATOR]);
    }
}

const char *
va_clause_get_value (VaClause *self)
{
  g_return_val_if_fail (VA_IS_CLAUSE (self), NULL);

  return self->value;
}

void
va_clause_set_value (VaClause *self,
                     const char *value)
{
  g_return_if_fail (VA_IS_CLAUSE (self));

  if (va_str_set (&self->value, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}
