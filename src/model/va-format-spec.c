/* va-format-spec.c
 *
 * The table of the .vabot format: each document class with its fields in
 * file order. The reader (va-format.c) and the writer (va-format-save.c)
 * both follow it, so they cannot disagree about a field.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "va-format-private.h"
#include "va-action-node.h"
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

#define PROPS(...) (const char * const[]) { __VA_ARGS__, NULL }
#define NO_PROPS   (const char * const[]) { NULL }
#define NO_LISTS   (const ListSpec[]) { { NULL } }

static const ObjectSpec specs[] = {
  { va_message_node_get_type, PROPS ("text", "variations", "next"), NO_LISTS, NO_PROPS },
  { va_question_node_get_type,
    PROPS ("prompt", "mode", "entity", "variable", "reprompt", "retries", "on-failure", "next"),
    (const ListSpec[]) { { "options", (gpointer) va_question_node_get_options, va_choice_get_type }, { NULL } },
    NO_PROPS },
  { va_condition_node_get_type, PROPS ("else-next"),
    (const ListSpec[]) { { "branches", (gpointer) va_condition_node_get_branches, va_condition_branch_get_type }, { NULL } },
    NO_PROPS },
  { va_set_variable_node_get_type, PROPS ("variable", "value", "next"), NO_LISTS, PROPS ("variable") },
  { va_action_node_get_type,
    PROPS ("method", "url", "headers", "body", "timeout", "next", "failure-next"),
    (const ListSpec[]) { { "mappings", (gpointer) va_action_node_get_mappings, va_response_mapping_get_type }, { NULL } },
    NO_PROPS },
  { va_redirect_node_get_type, PROPS ("topic", "next"), NO_LISTS, PROPS ("topic") },
  { va_end_node_get_type, PROPS ("survey"), NO_LISTS, NO_PROPS },
  { va_escalate_node_get_type, NO_PROPS, NO_LISTS, NO_PROPS },
  { va_transfer_node_get_type, PROPS ("agent-message"), NO_LISTS, NO_PROPS },
  { va_choice_get_type, PROPS ("label", "synonyms", "next"), NO_LISTS, PROPS ("label") },
  { va_condition_branch_get_type, PROPS ("join", "next"),
    (const ListSpec[]) { { "clauses", (gpointer) va_condition_branch_get_clauses, va_clause_get_type }, { NULL } },
    NO_PROPS },
  { va_clause_get_type, PROPS ("variable", "operator", "value"), NO_LISTS, PROPS ("variable") },
  { va_response_mapping_get_type, PROPS ("path", "variable"), NO_LISTS, PROPS ("path", "variable") },
  { va_variable_get_type, PROPS ("name", "scope", "data-type", "description"), NO_LISTS, PROPS ("name") },
  { va_entity_item_get_type, PROPS ("value", "synonyms"), NO_LISTS, PROPS ("value") },
  { va_entity_get_type, PROPS ("id", "name", "kind", "pattern"),
    (const ListSpec[]) { { "items", (gpointer) va_entity_get_items, va_entity_item_get_type }, { NULL } },
    PROPS ("id") },
  { va_topic_get_type,
    PROPS ("id", "name", "description", "system", "enabled", "trigger-phrases", "start"),
    (const ListSpec[]) { { "variables", (gpointer) va_topic_get_variables, va_variable_get_type }, { NULL } },
    PROPS ("id", "name") },
};

const ObjectSpec *
va_format_find_spec (GType type)
{
  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    if (specs[i].type () == type)
      return &specs[i];
  g_return_val_if_reached (NULL);
}

char *
va_format_key_to_property (const char *key)
{
  char *name = g_strdup (key);

  g_strdelimit (name, "_", '-');
  return name;
}

char *
va_format_property_to_key (const char *name)
{
  char *key = g_strdup (name);

  g_strdelimit (key, "-", '_');
  return key;
}

gboolean
va_format_is_value_of (JsonNode *node,
                       GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

const char * const va_format_bot_props[] = { "id", "name", "language", NULL };

const char * const va_format_settings_props[] = {
  "hub-link", "webhook-url", "threshold", "margin", "escalate-after", "test-hub", NULL
};
