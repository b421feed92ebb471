/* va-format-spec.c
 *
 * The table of the .vabot format: each document class with its fields in
 * file order. The reader (va-format.c, va-format-read.c) and the writer
 * (va-format-save.c) both follow it, so they cannot disagree about a field.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "va-format-private.h"
#include "va-action-node.h"
#include "va-bot.h"
#include "va-choice.h"
#include "va-clause.h"
#include "va-condition-branch.h"
#include "va-condition-node.h"
#include "va-end-node.h"
#include "va-entity.h"
#include "va-entity-item.h"
#include "va-escalate-node.h"
#include "va-message-node.h"
#include "va-question-node.h"
#include "va-redirect-node.h"
#include "va-response-mapping.h"
#include "va-set-variable-node.h"
#include "va-topic.h"
#include "va-transfer-node.h"
#include "va-variable.h"

#define PROPS(...)  (const char * const[]) { __VA_ARGS__, NULL }
#define NO_PROPS    (const char * const[]) { NULL }
#define NO_LISTS    (const ListSpec[]) { { NULL } }
#define FIELDS(...) (FieldSpec[]) { __VA_ARGS__, { NULL } }
#define NO_FIELDS   (FieldSpec[]) { { NULL } }
#define FIELD(name, getter, setter) { name, G_CALLBACK (getter), G_CALLBACK (setter) }
#define NODE_NEXT   FIELD ("next", va_node_get_next, va_node_set_next)

/* Each field names its property and the accessors that the property's get_property and
 * set_property call: reading and writing a big bot goes straight to them. */
static ObjectSpec specs[] = {
  { va_message_node_get_type,
    FIELDS (FIELD ("text", va_message_node_get_text, va_message_node_set_text),
            FIELD ("variations", va_message_node_get_variations, va_message_node_set_variations),
            NODE_NEXT),
    NO_LISTS, NO_PROPS },
  { va_question_node_get_type,
    FIELDS (FIELD ("prompt", va_question_node_get_prompt, va_question_node_set_prompt),
            FIELD ("mode", va_question_node_get_mode, va_question_node_set_mode),
            FIELD ("entity", va_question_node_get_entity, va_question_node_set_entity),
            FIELD ("variable", va_question_node_get_variable, va_question_node_set_variable),
            FIELD ("reprompt", va_question_node_get_reprompt, va_question_node_set_reprompt),
            FIELD ("retries", va_question_node_get_retries, va_question_node_set_retries),
            FIELD ("on-failure", va_question_node_get_on_failure, va_question_node_set_on_failure),
            NODE_NEXT),
    (const ListSpec[]) { { "options", (gpointer) va_question_node_get_options, va_choice_get_type }, { NULL } },
    NO_PROPS },
  { va_condition_node_get_type,
    FIELDS (FIELD ("else-next", va_condition_node_get_else_next, va_condition_node_set_else_next)),
    (const ListSpec[]) { { "branches", (gpointer) va_condition_node_get_branches, va_condition_branch_get_type }, { NULL } },
    NO_PROPS },
  { va_set_variable_node_get_type,
    FIELDS (FIELD ("variable", va_set_variable_node_get_variable, va_set_variable_node_set_variable),
            FIELD ("value", va_set_variable_node_get_value, va_set_variable_node_set_value),
            NODE_NEXT),
    NO_LISTS, PROPS ("variable") },
  { va_action_node_get_type,
    FIELDS (FIELD ("method", va_action_node_get_method, va_action_node_set_method),
            FIELD ("url", va_action_node_get_url, va_action_node_set_url),
            FIELD ("headers", va_action_node_get_headers, va_action_node_set_headers),
            FIELD ("body", va_action_node_get_body, va_action_node_set_body),
            FIELD ("timeout", va_action_node_get_timeout, va_action_node_set_timeout),
            NODE_NEXT,
            FIELD ("failure-next", va_action_node_get_failure_next, va_action_node_set_failure_next)),
    (const ListSpec[]) { { "mappings", (gpointer) va_action_node_get_mappings, va_response_mapping_get_type }, { NULL } },
    NO_PROPS },
  { va_redirect_node_get_type,
    FIELDS (FIELD ("topic", va_redirect_node_get_topic, va_redirect_node_set_topic),
            NODE_NEXT),
    NO_LISTS, PROPS ("topic") },
  { va_end_node_get_type,
    FIELDS (FIELD ("survey", va_end_node_get_survey, va_end_node_set_survey)),
    NO_LISTS, NO_PROPS },
  { va_escalate_node_get_type, NO_FIELDS, NO_LISTS, NO_PROPS },
  { va_transfer_node_get_type,
    FIELDS (FIELD ("agent-message", va_transfer_node_get_agent_message, va_transfer_node_set_agent_message)),
    NO_LISTS, NO_PROPS },
  { va_choice_get_type,
    FIELDS (FIELD ("label", va_choice_get_label, va_choice_set_label),
            FIELD ("synonyms", va_choice_get_synonyms, va_choice_set_synonyms),
            FIELD ("next", va_choice_get_next, va_choice_set_next)),
    NO_LISTS, PROPS ("label") },
  { va_condition_branch_get_type,
    FIELDS (FIELD ("join", va_condition_branch_get_join, va_condition_branch_set_join),
            FIELD ("next", va_condition_branch_get_next, va_condition_branch_set_next)),
    (const ListSpec[]) { { "clauses", (gpointer) va_condition_branch_get_clauses, va_clause_get_type }, { NULL } },
    NO_PROPS },
  { va_clause_get_type,
    FIELDS (FIELD ("variable", va_clause_get_variable, va_clause_set_variable),
            FIELD ("operator", va_clause_get_operator, va_clause_set_operator),
            FIELD ("value", va_clause_get_value, va_clause_set_value)),
    NO_LISTS, PROPS ("variable") },
  { va_response_mapping_get_type,
    FIELDS (FIELD ("path", va_response_mapping_get_path, va_response_mapping_set_path),
            FIELD ("variable", va_response_mapping_get_variable, va_response_mapping_set_variable)),
    NO_LISTS, PROPS ("path", "variable") },
  { va_variable_get_type,
    FIELDS (FIELD ("name", va_variable_get_name, va_variable_set_name),
            FIELD ("scope", va_variable_get_scope, va_variable_set_scope),
            FIELD ("data-type", va_variable_get_data_type, va_variable_set_data_type),
            FIELD ("description", va_variable_get_description, va_variable_set_description)),
    NO_LISTS, PROPS ("name") },
  { va_entity_item_get_type,
    FIELDS (FIELD ("value", va_entity_item_get_value, va_entity_item_set_value),
            FIELD ("synonyms", va_entity_item_get_synonyms, va_entity_item_set_synonyms)),
    NO_LISTS, PROPS ("value") },
  { va_entity_get_type,
    FIELDS (FIELD ("id", va_entity_get_id, va_entity_set_id),
            FIELD ("name", va_entity_get_name, va_entity_set_name),
            FIELD ("kind", va_entity_get_kind, va_entity_set_kind),
            FIELD ("pattern", va_entity_get_pattern, va_entity_set_pattern)),
    (const ListSpec[]) { { "items", (gpointer) va_entity_get_items, va_entity_item_get_type }, { NULL } },
    PROPS ("id") },
  { va_topic_get_type,
    FIELDS (FIELD ("id", va_topic_get_id, va_topic_set_id),
            FIELD ("name", va_topic_get_name, va_topic_set_name),
            FIELD ("description", va_topic_get_description, va_topic_set_description),
            FIELD ("system", va_topic_get_system, va_topic_set_system),
            FIELD ("enabled", va_topic_get_enabled, va_topic_set_enabled),
            FIELD ("trigger-phrases", va_topic_get_trigger_phrases, va_topic_set_trigger_phrases),
            FIELD ("start", va_topic_get_start, va_topic_set_start)),
    (const ListSpec[]) { { "variables", (gpointer) va_topic_get_variables, va_variable_get_type }, { NULL } },
    PROPS ("id", "name") },
};

/* The two sections of the bot's own properties: "bot" and "settings". */
static ObjectSpec sections[] = {
  { va_bot_get_type,
    FIELDS (FIELD ("id", va_bot_get_id, va_bot_set_id),
            FIELD ("name", va_bot_get_name, va_bot_set_name),
            FIELD ("language", va_bot_get_language, va_bot_set_language)),
    NO_LISTS, NO_PROPS },
  { va_bot_get_type,
    FIELDS (FIELD ("hub-link", va_bot_get_hub_link, va_bot_set_hub_link),
            FIELD ("webhook-url", va_bot_get_webhook_url, va_bot_set_webhook_url),
            FIELD ("threshold", va_bot_get_threshold, va_bot_set_threshold),
            FIELD ("margin", va_bot_get_margin, va_bot_set_margin),
            FIELD ("escalate-after", va_bot_get_escalate_after, va_bot_set_escalate_after),
            FIELD ("test-hub", va_bot_get_test_hub, va_bot_set_test_hub)),
    NO_LISTS, NO_PROPS },
};

static void
resolve_spec (ObjectSpec *spec)
{
  g_autoptr(GTypeClass) klass = g_type_class_ref (spec->type ());

  spec->gtype = spec->type ();
  for (FieldSpec *field = spec->fields; field->name != NULL; field++)
    {
      field->key = va_format_property_to_key (field->name);
      field->pspec = g_object_class_find_property (G_OBJECT_CLASS (klass), field->name);
      field->required = g_strv_contains (spec->required, field->name);
      g_assert (field->pspec != NULL);
      g_assert (field->pspec->value_type == G_TYPE_STRING || field->pspec->value_type == G_TYPE_STRV ||
                field->pspec->value_type == G_TYPE_BOOLEAN || field->pspec->value_type == G_TYPE_INT ||
                G_TYPE_IS_ENUM (field->pspec->value_type));
    }
}

/* Looks up each class's properties once: reading and writing a big bot
 * visits them hundreds of thousands of times.
 */
static void
resolve_specs (void)
{
  static gsize resolved = 0;

  if (g_once_init_enter (&resolved))
    {
      for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
        resolve_spec (&specs[i]);
      for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
        resolve_spec (&sections[i]);
      g_once_init_leave (&resolved, 1);
    }
}

const ObjectSpec *
va_format_find_spec (GType type)
{
  resolve_specs ();
  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    if (specs[i].gtype == type)
      return &specs[i];
  g_return_val_if_reached (NULL);
}

/* Returns: the fields of the section "bot" or "settings" */
const ObjectSpec *
va_format_find_section_spec (const char *section)
{
  resolve_specs ();
  return &sections[g_str_equal (section, "bot") ? 0 : 1];
}

char *
va_format_property_to_key (const char *name)
{
  char *key = g_strdup (name);

  g_strdelimit (key, "-", '_');
  return key;
}
