/* test-model.c: the document objects and the round trip of every node kind
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

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
#include "va-format.h"
#include "va-message-node.h"
#include "va-question-node.h"
#include "va-redirect-node.h"
#include "va-response-mapping.h"
#include "va-set-variable-node.h"
#include "va-test-util.h"
#include "va-topic.h"
#include "va-transfer-node.h"
#include "va-variable.h"

static void
append (gpointer list,
        gpointer item)
{
  g_list_store_append (G_LIST_STORE (list), item);
  g_object_unref (item);
}

/* A bot with every node kind, every property away from its default. */
static VaBot *
build_full_bot (void)
{
  VaBot *bot = va_bot_new ();
  VaTopic *topic = va_topic_new ();
  VaTopic *other = va_topic_new ();
  VaEntity *entity = va_entity_new ();
  VaEntityItem *item = va_entity_item_new ();
  VaVariable *variable = va_variable_new ();
  VaMessageNode *message = va_message_node_new ("m");
  VaQuestionNode *question = va_question_node_new ("q");
  VaQuestionNode *entity_question = va_question_node_new ("eq");
  VaConditionNode *condition = va_condition_node_new ("c");
  VaSetVariableNode *set = va_set_variable_node_new ("s");
  VaActionNode *action = va_action_node_new ("a");
  VaRedirectNode *redirect = va_redirect_node_new ("r");
  VaEndNode *end = va_end_node_new ("e");
  VaEscalateNode *escalate = va_escalate_node_new ("x");
  VaTransferNode *transfer = va_transfer_node_new ("t");
  VaChoice *choice = va_choice_new ();
  VaConditionBranch *branch = va_condition_branch_new ();
  VaClause *clause = va_clause_new ();
  VaResponseMapping *mapping = va_response_mapping_new ();
  const char *phrases[] = { "one", "two \"quoted\" \\ back\tslash\x01", "ünïcödé ✓", NULL };
  const char *variations[] = { "Hi!", "Hello {Name}", NULL };
  const char *synonyms[] = { "large", "big", NULL };
  const char *headers[] = { "Accept: application/json", NULL };

  va_bot_set_id (bot, "full");
  va_bot_set_name (bot, "Full <bot> & co");
  va_bot_set_language (bot, "fr");
  va_bot_set_hub_link (bot, "https://hub.example.com/chat");
  va_bot_set_webhook_url (bot, "https://hub.example.com/hook");
  va_bot_set_threshold (bot, 612);
  va_bot_set_margin (bot, 75);
  va_bot_set_escalate_after (bot, 5);

  va_variable_set_name (variable, "Customer");
  va_variable_set_scope (variable, VA_VARIABLE_SCOPE_BOT);
  va_variable_set_data_type (variable, VA_VARIABLE_TYPE_DATE);
  va_variable_set_description (variable, "When");
  append (va_bot_get_variables (bot), variable);

  va_entity_set_id (entity, "size");
  va_entity_set_name (entity, "Size");
  va_entity_item_set_value (item, "L");
  va_entity_item_set_synonyms (item, synonyms);
  append (va_entity_get_items (entity), item);
  append (va_bot_get_entities (bot), entity);
  entity = va_entity_new ();
  va_entity_set_id (entity, "code");
  va_entity_set_kind (entity, VA_ENTITY_KIND_REGEX);
  va_entity_set_pattern (entity, "^[A-Z]{3}[0-9]+$");
  append (va_bot_get_entities (bot), entity);

  va_topic_set_id (other, "other");
  va_topic_set_name (other, "Other");
  va_topic_set_enabled (other, FALSE);
  va_topic_set_system (other, VA_SYSTEM_TOPIC_ESCALATE);

  va_topic_set_id (topic, "main");
  va_topic_set_name (topic, "Main");
  va_topic_set_description (topic, "Every node kind\nwith a newline");
  va_topic_set_trigger_phrases (topic, phrases);
  va_topic_set_start (topic, "m");

  va_message_node_set_text (message, "Hello {Customer}");
  va_message_node_set_variations (message, variations);
  va_node_set_next (VA_NODE (message), "q");
  va_node_set_position (VA_NODE (message), -40, 1200);

  va_question_node_set_prompt (question, "Size?");
  va_question_node_set_variable (question, "Size");
  va_question_node_set_reprompt (question, "Again?");
  va_question_node_set_retries (question, 4);
  va_question_node_set_on_failure (question, VA_FAILURE_ACTION_CONTINUE);
  va_choice_set_label (choice, "Large");
  va_choice_set_synonyms (choice, synonyms);
  va_choice_set_next (choice, "eq");
  append (va_question_node_get_options (question), choice);
  va_node_set_next (VA_NODE (question), "c");

  va_question_node_set_mode (entity_question, VA_QUESTION_MODE_ENTITY);
  va_question_node_set_entity (entity_question, "size");
  va_node_set_next (VA_NODE (entity_question), "c");

  va_clause_set_variable (clause, "Size");
  va_clause_set_operator (clause, VA_OPERATOR_GREATER_OR_EQUAL);
  va_clause_set_value (clause, "3");
  append (va_condition_branch_get_clauses (branch), clause);
  va_condition_branch_set_join (branch, VA_JOIN_ANY);
  va_condition_branch_set_next (branch, "s");
  append (va_condition_node_get_branches (condition), branch);
  va_condition_node_set_else_next (condition, "a");

  va_set_variable_node_set_variable (set, "Total");
  va_set_variable_node_set_value (set, "{Size} items");
  va_node_set_next (VA_NODE (set), "a");

  va_action_node_set_method (action, VA_HTTP_METHOD_POST);
  va_action_node_set_url (action, "https://api.example.com/orders/{Id}");
  va_action_node_set_headers (action, headers);
  va_action_node_set_body (action, "{\"id\": \"{Id}\"}");
  va_action_node_set_timeout (action, 30);
  va_response_mapping_set_path (mapping, "$.status");
  va_response_mapping_set_variable (mapping, "Status");
  append (va_action_node_get_mappings (action), mapping);
  va_node_set_next (VA_NODE (action), "r");
  va_action_node_set_failure_next (action, "x");

  va_redirect_node_set_topic (redirect, "other");
  va_node_set_next (VA_NODE (redirect), "e");
  va_end_node_set_survey (end, TRUE);
  va_transfer_node_set_agent_message (transfer, "VIP customer");

  append (va_topic_get_nodes (topic), message);
  append (va_topic_get_nodes (topic), question);
  append (va_topic_get_nodes (topic), entity_question);
  append (va_topic_get_nodes (topic), condition);
  append (va_topic_get_nodes (topic), set);
  append (va_topic_get_nodes (topic), action);
  append (va_topic_get_nodes (topic), redirect);
  append (va_topic_get_nodes (topic), end);
  append (va_topic_get_nodes (topic), escalate);
  append (va_topic_get_nodes (topic), transfer);

  append (va_bot_get_topics (bot), topic);
  append (va_bot_get_topics (bot), other);
  return bot;
}

static VaNode *
get_node (VaBot      *bot,
          const char *topic_id,
          const char *node_id)
{
  VaTopic *topic = va_bot_find_topic (bot, topic_id, NULL);

  g_assert_nonnull (topic);
  return va_topic_find_node (topic, node_id, NULL);
}

static void
test_round_trip (void)
{
  g_autoptr(VaBot) bot = build_full_bot ();
  g_autoptr(VaBot) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = va_format_save_data (bot, NULL);
  g_autofree char *second = NULL;
  VaNode *node;
  VaTopic *topic;

  loaded = va_format_load_data (first, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);

  /* Saving what was loaded gives the same bytes: nothing is lost or reordered. */
  second = va_format_save_data (loaded, NULL);
  g_assert_cmpstr (first, ==, second);

  /* And the values are really there, not only written back the same way. */
  g_assert_cmpstr (va_bot_get_name (loaded), ==, "Full <bot> & co");
  g_assert_cmpstr (va_bot_get_language (loaded), ==, "fr");
  g_assert_cmpstr (va_bot_get_hub_link (loaded), ==, "https://hub.example.com/chat");
  g_assert_cmpstr (va_bot_get_webhook_url (loaded), ==, "https://hub.example.com/hook");
  g_assert_cmpint (va_bot_get_threshold (loaded), ==, 612);
  g_assert_cmpint (va_bot_get_margin (loaded), ==, 75);
  g_assert_cmpint (va_bot_get_escalate_after (loaded), ==, 5);
  g_assert_cmpuint (g_list_model_get_n_items (va_bot_get_variables (loaded)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (va_bot_get_entities (loaded)), ==, 2);

  topic = va_bot_find_topic (loaded, "main", NULL);
  g_assert_cmpstr (va_topic_get_description (topic), ==, "Every node kind\nwith a newline");
  g_assert_cmpstr (va_topic_get_trigger_phrases (topic)[1], ==, "two \"quoted\" \\ back\tslash\x01");
  g_assert_cmpstr (va_topic_get_trigger_phrases (topic)[2], ==, "ünïcödé ✓");
  g_assert_cmpuint (g_list_model_get_n_items (va_topic_get_nodes (topic)), ==, 10);
  topic = va_bot_find_topic (loaded, "other", NULL);
  g_assert_false (va_topic_get_enabled (topic));
  g_assert_cmpint (va_topic_get_system (topic), ==, VA_SYSTEM_TOPIC_ESCALATE);

  node = get_node (loaded, "main", "m");
  g_assert_true (VA_IS_MESSAGE_NODE (node));
  g_assert_cmpint (va_node_get_x (node), ==, -40);
  g_assert_cmpint (va_node_get_y (node), ==, 1200);
  g_assert_cmpstr (va_message_node_get_variations (VA_MESSAGE_NODE (node))[1], ==, "Hello {Name}");

  node = get_node (loaded, "main", "q");
  g_assert_true (VA_IS_QUESTION_NODE (node));
  g_assert_cmpint (va_question_node_get_retries (VA_QUESTION_NODE (node)), ==, 4);
  g_assert_cmpint (va_question_node_get_on_failure (VA_QUESTION_NODE (node)), ==, VA_FAILURE_ACTION_CONTINUE);
  {
    g_autoptr(VaChoice) choice = g_list_model_get_item (va_question_node_get_options (VA_QUESTION_NODE (node)), 0);

    g_assert_cmpstr (va_choice_get_label (choice), ==, "Large");
    g_assert_cmpstr (va_choice_get_next (choice), ==, "eq");
  }

  node = get_node (loaded, "main", "eq");
  g_assert_cmpint (va_question_node_get_mode (VA_QUESTION_NODE (node)), ==, VA_QUESTION_MODE_ENTITY);
  g_assert_cmpstr (va_question_node_get_entity (VA_QUESTION_NODE (node)), ==, "size");

  node = get_node (loaded, "main", "c");
  {
    g_autoptr(VaConditionBranch) branch = g_list_model_get_item (va_condition_node_get_branches (VA_CONDITION_NODE (node)), 0);
    g_autoptr(VaClause) clause = g_list_model_get_item (va_condition_branch_get_clauses (branch), 0);

    g_assert_cmpint (va_condition_branch_get_join (branch), ==, VA_JOIN_ANY);
    g_assert_cmpint (va_clause_get_operator (clause), ==, VA_OPERATOR_GREATER_OR_EQUAL);
    g_assert_cmpstr (va_clause_get_value (clause), ==, "3");
  }
  g_assert_cmpstr (va_condition_node_get_else_next (VA_CONDITION_NODE (node)), ==, "a");

  node = get_node (loaded, "main", "s");
  g_assert_cmpstr (va_set_variable_node_get_value (VA_SET_VARIABLE_NODE (node)), ==, "{Size} items");

  node = get_node (loaded, "main", "a");
  g_assert_cmpint (va_action_node_get_method (VA_ACTION_NODE (node)), ==, VA_HTTP_METHOD_POST);
  g_assert_cmpint (va_action_node_get_timeout (VA_ACTION_NODE (node)), ==, 30);
  g_assert_cmpstr (va_action_node_get_body (VA_ACTION_NODE (node)), ==, "{\"id\": \"{Id}\"}");
  g_assert_cmpstr (va_action_node_get_failure_next (VA_ACTION_NODE (node)), ==, "x");

  node = get_node (loaded, "main", "r");
  g_assert_cmpstr (va_redirect_node_get_topic (VA_REDIRECT_NODE (node)), ==, "other");
  node = get_node (loaded, "main", "e");
  g_assert_true (va_end_node_get_survey (VA_END_NODE (node)));
  node = get_node (loaded, "main", "x");
  g_assert_true (VA_IS_ESCALATE_NODE (node));
  node = get_node (loaded, "main", "t");
  g_assert_cmpstr (va_transfer_node_get_agent_message (VA_TRANSFER_NODE (node)), ==, "VIP customer");
}

static void
test_layout_apart (void)
{
  g_autoptr(VaBot) bot = build_full_bot ();
  g_autofree char *before = va_format_save_data (bot, NULL);
  g_autofree char *after = NULL;
  g_auto(GStrv) a = NULL;
  g_auto(GStrv) b = NULL;
  guint changed = 0;
  const char *changed_line = NULL;
  g_autofree char *stripped = NULL;

  va_node_set_position (get_node (bot, "main", "s"), 500, 700);
  after = va_format_save_data (bot, NULL);

  /* Moving a node changes only lines of the layout section. */
  a = g_strsplit (before, "\n", -1);
  b = g_strsplit (after, "\n", -1);
  g_assert_cmpuint (g_strv_length (a), ==, g_strv_length (b));
  for (guint i = 0; a[i] != NULL; i++)
    if (!g_str_equal (a[i], b[i]))
      {
        changed++;
        changed_line = b[i];
      }
  g_assert_cmpuint (changed, ==, 1);
  stripped = g_strstrip (g_strdup (changed_line));
  g_assert_cmpstr (stripped, ==, "\"s\": [500, 700],");
  g_assert_nonnull (strstr (after, "\"layout\""));
  g_assert_true (strstr (after, changed_line) > strstr (after, "\"layout\""));
}

static void
test_ports (void)
{
  g_autoptr(VaBot) bot = build_full_bot ();
  struct { const char *id; guint n; const char *first_target; } expected[] = {
    { "m", 1, "q" }, { "q", 2, "eq" }, { "eq", 1, "c" }, { "c", 2, "s" }, { "s", 1, "a" },
    { "a", 2, "r" }, { "r", 1, "e" }, { "e", 0, NULL }, { "x", 0, NULL }, { "t", 0, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(GPtrArray) ports = va_node_list_ports (get_node (bot, "main", expected[i].id));

      g_assert_cmpuint (ports->len, ==, expected[i].n);
      if (ports->len > 0)
        g_assert_cmpstr (va_port_get_target (g_ptr_array_index (ports, 0)), ==, expected[i].first_target);
    }

  {
    g_autoptr(GPtrArray) ports = va_node_list_ports (get_node (bot, "main", "a"));
    VaPort *failure = g_ptr_array_index (ports, 1);

    g_assert_cmpstr (failure->property, ==, "failure-next");
    g_assert_cmpstr (va_port_get_target (failure), ==, "x");
  }
}

static void
test_notify_on_real_change (void)
{
  g_autoptr(VaMessageNode) node = va_message_node_new ("n1");
  const char *strv[] = { "a", NULL };
  guint count = 0;

  g_signal_connect (node, "notify", G_CALLBACK (va_test_count_notify), &count);
  va_message_node_set_text (node, "hi");
  va_message_node_set_text (node, "hi");
  g_assert_cmpuint (count, ==, 1);
  va_message_node_set_variations (node, strv);
  va_message_node_set_variations (node, strv);
  g_assert_cmpuint (count, ==, 2);
  va_node_set_position (VA_NODE (node), 10, 0);
  g_assert_cmpuint (count, ==, 3);
  va_node_set_position (VA_NODE (node), 10, 0);
  g_assert_cmpuint (count, ==, 3);
  va_node_set_next (VA_NODE (node), "");
  g_assert_cmpuint (count, ==, 3);
}

static void
test_ids (void)
{
  g_autoptr(VaBot) bot = build_full_bot ();
  VaTopic *topic = va_bot_find_topic (bot, "main", NULL);
  g_autofree char *node_id = va_topic_make_node_id (topic);
  g_autofree char *topic_id = va_bot_make_topic_id (bot, "Main");
  g_autofree char *slug = va_bot_make_topic_id (bot, "  Où est ma commande ?! ");
  g_autofree char *empty = va_bot_make_topic_id (bot, "!!!");
  guint position = 99;

  g_assert_null (va_topic_find_node (topic, node_id, NULL));
  g_assert_cmpstr (topic_id, ==, "main-2");
  g_assert_cmpstr (slug, ==, "ou-est-ma-commande");
  g_assert_cmpstr (empty, ==, "topic");
  g_assert_nonnull (va_bot_find_topic (bot, "other", &position));
  g_assert_cmpuint (position, ==, 1);
  g_assert_true (va_bot_find_system_topic (bot, VA_SYSTEM_TOPIC_ESCALATE) == va_bot_find_topic (bot, "other", NULL));
  g_assert_null (va_bot_find_system_topic (bot, VA_SYSTEM_TOPIC_FALLBACK));

  /* A hand-written id that saturates the counter does not give a duplicate. */
  {
    g_autoptr(VaNode) big = va_node_new_for_kind (VA_NODE_KIND_END, "n99999999999999999999");
    g_autoptr(VaNode) one = va_node_new_for_kind (VA_NODE_KIND_END, "n4294967296");
    g_autoptr(VaTopic) fresh = va_topic_new ();
    g_autofree char *made = NULL;

    g_list_store_append (G_LIST_STORE (va_topic_get_nodes (fresh)), big);
    g_list_store_append (G_LIST_STORE (va_topic_get_nodes (fresh)), one);
    made = va_topic_make_node_id (fresh);
    g_assert_null (va_topic_find_node (fresh, made, NULL));
  }
}

static void
test_node_kinds (void)
{
  for (int kind = 0; kind < VA_N_NODE_KINDS; kind++)
    {
      g_autoptr(VaNode) node = va_node_new_for_kind (kind, "n1");
      VaNodeKind parsed;

      g_assert_cmpint (va_node_get_kind (node), ==, kind);
      g_assert_true (va_node_kind_from_string (va_node_kind_to_string (kind), &parsed));
      g_assert_cmpint (parsed, ==, kind);
      g_assert_cmpstr (va_node_kind_get_display_name (kind), !=, "");
    }
  {
    VaNodeKind parsed;

    g_assert_false (va_node_kind_from_string ("dance", &parsed));
    g_assert_false (va_node_kind_from_string (NULL, &parsed));
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/round-trip", test_round_trip);
  g_test_add_func ("/model/layout-apart", test_layout_apart);
  g_test_add_func ("/model/ports", test_ports);
  g_test_add_func ("/model/notify-on-real-change", test_notify_on_real_change);
  g_test_add_func ("/model/ids", test_ids);
  g_test_add_func ("/model/node-kinds", test_node_kinds);

  return g_test_run ();
}
