/* va-choice.c
 *
 * An option of a multiple-choice question; it has its own branch.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "va-choice.h"

struct _VaChoice
{
  GObject parent_instance;

  char *label;
  GStrv synonyms;
  char *next;
};

G_DEFINE_FINAL_TYPE (VaChoice, va_choice, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LABEL,
  PROP_SYNONYMS,
  PROP_NEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
va_choice_finalize (GObject *object)
{
  VaChoice *self = (VaChoice *) object;

  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->synonyms, g_strfreev);
  g_clear_pointer (&self->next, g_free);

  G_OBJECT_CLASS (va_choice_parent_class)->finalize (object);
}

static void
va_choice_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  VaChoice *self = VA_CHOICE (object);

  switch (prop_id)
    {
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;

    case PROP_SYNONYMS:
      g_value_set_boxed (value, self->synonyms);
      break;

    case PROP_NEXT:
      g_value_set_string (value, self->next);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
va_choice_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  VaChoice *self = VA_CHOICE (object);

  switch (prop_id)
    {
    case PROP_LABEL:
      va_choice_set_label (self, g_value_get_string (value));
      break;

    case PROP_SYNONYMS:
      va_choice_set_synonyms (self, g_value_get_boxed (value));
      break;

    case PROP_NEXT:
      va_choice_set_next (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
va_choice_class_init (VaChoiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = va_choice_finalize;
  object_class->get_property = va_choice_get_property;
  object_class->set_property = va_choice_set_property;

  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SYNONYMS] =
    g_param_spec_boxed ("synonyms", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NEXT] =
    g_param_spec_string ("next", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
va_choice_init (VaChoice *self)
{
}

VaChoice *
va_choice_new (void)
{
  return g_object_new (VA_TYPE_CHOICE, NULL);
}

const char *
va_choice_get_label (VaChoice *self)
{
  g_return_val_if_fail (VA_IS_CHOICE (self), NULL);

  return self->label;
}

void
va_choice_set_label (VaChoice *self,
                     const char *label)
{
  g_return_if_fail (VA_IS_CHOICE (self));

  if (va_str_set (&self->label, label))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
}

const char * const *
va_choice_get_synonyms (VaChoice *self)
{
  g_return_val_if_fail (VA_IS_CHOICE (self), NULL);

  return (const char * const *) self->synonyms;
}

void
va_choice_set_synonyms (VaChoice *self,
                        const char * const *synonyms)
{
  g_return_if_fail (VA_IS_CHOICE (self));

  if (va_strv_set (&self->synonyms, synonyms))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNONYMS]);
}

const char *
va_choice_get_next (VaChoice *self)
{
  g_return_val_if_fail (VA_IS_CHOICE (self), NULL);

  return self->next;
}

void
va_choice_set_next (VaChoice *self,
                    const char *next)
{
  g_return_if_fail (VA_IS_CHOICE (self));

  if (va_str_set (&self->next, next))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEXT]);
}
