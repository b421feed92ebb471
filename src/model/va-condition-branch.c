/* va-condition-branch.c
 *
 * A branch of a condition node: clauses joined by all/any, and its target.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "va-condition-branch.h"
#include "va-clause.h"
#include "va-enums.h"

struct _VaConditionBranch
{
  GObject parent_instance;

  VaJoin join;
  char *next;
  GListStore *clauses;
};

G_DEFINE_FINAL_TYPE (VaConditionBranch, va_condition_branch, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_JOIN,
  PROP_NEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
va_condition_branch_finalize (GObject *object)
{
  VaConditionBranch *self = (VaConditionBranch *) object;

  g_clear_pointer (&self->next, g_free);
  g_clear_object (&self->clauses);

  G_OBJECT_CLASS (va_condition_branch_parent_class)->finalize (object);
}

static void
va_condition_branch_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  VaConditionBranch *self = VA_CONDITION_BRANCH (object);

  switch (prop_id)
    {
    case PROP_JOIN:
      g_value_set_enum (value, self->join);
      break;

    case PROP_NEXT:
      g_value_set_string (value, self->next);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
va_condition_branch_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  VaConditionBranch *self = VA_CONDITION_BRANCH (object);

  switch (prop_id)
    {
    case PROP_JOIN:
      va_condition_branch_set_join (self, g_value_get_enum (value));
      break;

    case PROP_NEXT:
      va_condition_branch_set_next (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
va_condition_branch_class_init (VaConditionBranchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = va_condition_branch_finalize;
  object_class->get_property = va_condition_branch_get_property;
  object_class->set_property = va_condition_branch_set_property;

  properties[PROP_JOIN] =
    g_param_spec_enum ("join", NULL, NULL, VA_TYPE_JOIN, VA_JOIN_ALL,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NEXT] =
    g_param_spec_string ("next", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
va_condition_branch_init (VaConditionBranch *self)
{
  self->join = VA_JOIN_ALL;
  self->clauses = g_list_store_new (VA_TYPE_CLAUSE);
}

VaConditionBranch *
va_condition_branch_new (void)
{
  return g_object_new (VA_TYPE_CONDITION_BRANCH, NULL);
}

VaJoin
va_condition_branch_get_join (VaConditionBranch *self)
{
  g_return_val_if_fail (VA_IS_CONDITION_BRANCH (self), 0);

  return self->join;
}

void
va_condition_branch_set_join (VaConditionBranch *self,
                              VaJoin join)
{
  g_return_if_fail (VA_IS_CONDITION_BRANCH (self));

  if (self->join != join)
    {
      self->join = join;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JOIN]);
    }
}

const char *
va_condition_branch_get_next (VaConditionBranch *self)
{
  g_return_val_if_fail (VA_IS_CONDITION_BRANCH (self), NULL);

  return self->next;
}

void
va_condition_branch_set_next (VaConditionBranch *self,
                              const char *next)
{
  g_return_if_fail (VA_IS_CONDITION_BRANCH (self));

  if (va_str_set (&self->next, next))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEXT]);
}

/**
 * va_condition_branch_get_clauses:
 *
 * Returns: (transfer none): the list of #VaClause (a #GListStore; edit it through #VaHistory)
 */
GListModel *
va_condition_branch_get_clauses (VaConditionBranch *self)
{
  g_return_val_if_fail (VA_IS_CONDITION_BRANCH (self), NULL);

  return G_LIST_MODEL (self->clauses);
}
