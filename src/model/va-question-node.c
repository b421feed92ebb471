/* va-question-node.c
 *
 * Asks the user; identifies a choice or an entity and saves it to a variable.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "va-question-node.h"
#include "va-choice.h"
#include "va-enums.h"

struct _VaQuestionNode
{
  VaNode parent_instance;

  char *prompt;
  VaQuestionMode mode;
  char *entity;
  char *variable;
  char *reprompt;
  int retries;
  VaFailureAction on_failure;
  GListStore *options;
};

G_DEFINE_FINAL_TYPE (VaQuestionNode, va_question_node, VA_TYPE_NODE)

enum {
  PROP_0,
  PROP_PROMPT,
  PROP_MODE,
  PROP_ENTITY,
  PROP_VARIABLE,
  PROP_REPROMPT,
  PROP_RETRIES,
  PROP_ON_FAILURE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
va_question_node_finalize (GObject *object)
{
  VaQuestionNode *self = (VaQuestionNode *) object;

  g_clear_pointer (&self->prompt, g_free);
  g_clear_pointer (&self->entity, g_free);
  g_clear_pointer (&self->variable, g_free);
  g_clear_pointer (&self->reprompt, g_free);
  g_clear_object (&self->options);

  G_OBJECT_CLASS (va_question_node_parent_class)->finalize (object);
}

static void
va_question_node_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  VaQuestionNode *self = VA_QUESTION_NODE (object);

  switch (prop_id)
    {
    case PROP_PROMPT:
      g_value_set_string (value, self->prompt);
      break;

    case PROP_MODE:
      g_value_set_enum (value, self->mode);
      break;

    case PROP_ENTITY:
      g_value_set_string (value, self->entity);
      break;

    case PROP_VARIABLE:
      g_value_set_string (value, self->variable);
      break;

    case PROP_REPROMPT:
      g_value_set_string (value, self->reprompt);
      break;

    case PROP_RETRIES:
      g_value_set_int (value, self->retries);
      break;

    case PROP_ON_FAILURE:
      g_value_set_enum (value, self->on_failure);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
va_question_node_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  VaQuestionNode *self = VA_QUESTION_NODE (object);

  switch (prop_id)
    {
    case PROP_PROMPT:
      va_question_node_set_prompt (self, g_value_get_string (value));
      break;

    case PROP_MODE:
      va_question_node_set_mode (self, g_value_get_enum (value));
      break;

    case PROP_ENTITY:
      va_question_node_set_entity (self, g_value_get_string (value));
      break;

    case PROP_VARIABLE:
      va_question_node_set_variable (self, g_value_get_string (value));
      break;

    case PROP_REPROMPT:
      va_question_node_set_reprompt (self, g_value_get_string (value));
      break;

    case PROP_RETRIES:
      va_question_node_set_retries (self, g_value_get_int (value));
      break;

    case PROP_ON_FAILURE:
      va_question_node_set_on_failure (self, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
va_question_node_list_ports (VaNode    *node,
                             GPtrArray *ports)
{
  VaQuestionNode *self = VA_QUESTION_NODE (node);

  if (self->mode == VA_QUESTION_MODE_CHOICES)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->options));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(VaChoice) choice = g_list_model_get_item (G_LIST_MODEL (self->options), i);

          g_ptr_array_add (ports, va_port_new (choice, "next", va_choice_get_label (choice)));
        }
    }

  /* In choice mode "next" is where options without a branch of their own go. */
  g_ptr_array_add (ports, va_port_new (self, "next",
                                       self->mode == VA_QUESTION_MODE_CHOICES ? _("Any other answer") : NULL));
}

static void
va_question_node_class_init (VaQuestionNodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  VaNodeClass *node_class = VA_NODE_CLASS (klass);

  object_class->finalize = va_question_node_finalize;
  object_class->get_property = va_question_node_get_property;
  object_class->set_property = va_question_node_set_property;
  node_class->kind = VA_NODE_KIND_QUESTION;
  node_class->has_next = TRUE;
  node_class->list_ports = va_question_node_list_ports;

  properties[PROP_PROMPT] =
    g_param_spec_string ("prompt", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODE] =
    g_param_spec_enum ("mode", NULL, NULL, VA_TYPE_QUESTION_MODE, VA_QUESTION_MODE_CHOICES,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENTITY] =
    g_param_spec_string ("entity", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VARIABLE] =
    g_param_spec_string ("variable", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REPROMPT] =
    g_param_spec_string ("reprompt", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RETRIES] =
    g_param_spec_int ("retries", NULL, NULL, 0, 10, 2,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ON_FAILURE] =
    g_param_spec_enum ("on-failure", NULL, NULL, VA_TYPE_FAILURE_ACTION, VA_FAILURE_ACTION_ESCALATE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
va_question_node_init (VaQuestionNode *self)
{
  self->mode = VA_QUESTION_MODE_CHOICES;
  self->retries = 2;
  self->on_failure = VA_FAILURE_ACTION_ESCALATE;
  self->options = g_list_store_new (VA_TYPE_CHOICE);
}

/**
 * va_question_node_new:
 * @id: the node's id, unique in its topic
 *
 * Returns: (transfer full): a new node
 */
VaQuestionNode *
va_question_node_new (const char *id)
{
  return g_object_new (VA_TYPE_QUESTION_NODE, "id", id, NULL);
}

const char *
va_question_node_get_prompt (VaQuestionNode *self)
{
  g_return_val_if_fail (VA_IS_QUESTION_NODE (self), NULL);

  return self->prompt;
}

void
va_question_node_set_prompt (VaQuestionNode *self,
                             const char *prompt)
{
  g_return_if_fail (VA_IS_QUESTION_NODE (self));

  if (va_str_set (&self->prompt, prompt))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROMPT]);
}

VaQuestionMode
va_question_node_get_mode (VaQuestionNode *self)
{
  g_return_val_if_fail (VA_IS_QUESTION_NODE (self), 0);

  return self->mode;
}

void
va_question_node_set_mode (VaQuestionNode *self,
                           VaQuestionMode mode)
{
  g_return_if_fail (VA_IS_QUESTION_NODE (self));

  if (self->mode != mode)
    {
      self->mode = mode;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
    }
}

const char *
va_question_node_get_entity (VaQuestionNode *self)
{
  g_return_val_if_fail (VA_IS_QUESTION_NODE (self), NULL);

  return self->entity;
}

void
va_question_node_set_entity (VaQuestionNode *self,
                             const char *entity)
{
  g_return_if_fail (VA_IS_QUESTION_NODE (self));

  if (va_str_set (&self->entity, entity))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENTITY]);
}

const char *
va_question_node_get_variable (VaQuestionNode *self)
{
  g_return_val_if_fail (VA_IS_QUESTION_NODE (self), NULL);

  return self->variable;
}

void
va_question_node_set_variable (VaQuestionNode *self,
                               const char *variable)
{
  g_return_if_fail (VA_IS_QUESTION_NODE (self));

  if (va_str_set (&self->variable, variable))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VARIABLE]);
}

const char *
va_question_node_get_reprompt (VaQuestionNode *self)
{
  g_return_val_if_fail (VA_IS_QUESTION_NODE (self), NULL);

  return self->reprompt;
}

void
va_question_node_set_reprompt (VaQuestionNode *self,
                               const char *reprompt)
{
  g_return_if_fail (VA_IS_QUESTION_NODE (self));

  if (va_str_set (&self->reprompt, reprompt))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPROMPT]);
}

int
va_question_node_get_retries (VaQuestionNode *self)
{
  g_return_val_if_fail (VA_IS_QUESTION_NODE (self), 0);

  return self->retries;
}

void
va_question_node_set_retries (VaQuestionNode *self,
                              int retries)
{
  g_return_if_fail (VA_IS_QUESTION_NODE (self));

  if (self->retries != retries)
    {
      self->retries = retries;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RETRIES]);
    }
}

VaFailureAction
va_question_node_get_on_failure (VaQuestionNode *self)
{
  g_return_val_if_fail (VA_IS_QUESTION_NODE (self), 0);

  return self->on_failure;
}

void
va_question_node_set_on_failure (VaQuestionNode *self,
                                 VaFailureAction on_failure)
{
  g_return_if_fail (VA_IS_QUESTION_NODE (self));

  if (self->on_failure != on_failure)
    {
      self->on_failure = on_failure;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ON_FAILURE]);
    }
}

/**
 * va_question_node_get_options:
 *
 * Returns: (transfer none): the list of #VaChoice (a #GListStore; edit it through #VaHistory)
 */
GListModel *
va_question_node_get_options (VaQuestionNode *self)
{
  g_return_val_if_fail (VA_IS_QUESTION_NODE (self), NULL);

  return G_LIST_MODEL (self->options);
}
