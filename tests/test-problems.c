/* test-problems.c: the bot's problems list, one check at a time
 *
 * Every test starts from a clean bot that uses each node kind (and so shows that a correct bot has
 * no false alarms), breaks exactly one thing and expects exactly that problem.
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
#include "va-message-node.h"
#include "va-problems.h"
#include "va-question-node.h"
#include "va-redirect-node.h"
#include "va-response-mapping.h"
#include "va-set-variable-node.h"
#include "va-template.h"
#include "va-topic.h"
#include "va-transfer-node.h"

/* {{{ Building bots */

static void
append (gpointer list,
        gpointer item)
{
  g_list_store_append (G_LIST_STORE (list), item);
  g_object_unref (item);
}

static VaTopic *
add_topic (VaBot              *bot,
           const char         *id,
           const char         *name,
           const char * const *phrases)
{
  VaTopic *topic = va_topic_new ();

  va_topic_set_id (topic, id);
  va_topic_set_name (topic, name);
  va_topic_set_trigger_phrases (topic, phrases);
  va_topic_set_start (topic, "n1");
  append (va_bot_get_topics (bot), topic);
  return topic;
}

static gpointer
add_node (VaTopic    *topic,
          gpointer    node,
          const char *next)
{
  if (next != NULL)
    va_node_set_next (VA_NODE (node), next);
  append (va_topic_get_nodes (topic), node);
  return node;
}

static VaChoice *
add_option (VaQuestionNode *question,
            const char     *label,
            const char     *next)
{
  VaChoice *choice = va_choice_new ();

  va_choice_set_label (choice, label);
  va_choice_set_next (choice, next);
  append (va_question_node_get_options (question), choice);
  return choice;
}

static VaMessageNode *
message (const char *id,
         const char *text)
{
  VaMessageNode *node = va_message_node_new (id);

  va_message_node_set_text (node, text);
  return node;
}

/* orders: n1 question (Yes → n2, No → n4) → n2 action (→ n3, failure → n4) → n3 message → n4 set
 * variable → n5 condition → n6 redirect to bye. bye: n1 message → n2 end. escalate: n1 message →
 * n2 transfer. Every variable read is set somewhere, System.* and Bot.* are read too. */
static VaBot *
new_clean_bot (void)
{
  static const char * const order_phrases[] = { "where is my order", "track my order", NULL };
  static const char * const bye_phrases[] = { "bye", "see you", NULL };
  static const char * const escalate_phrases[] = { "talk to agent", NULL };
  VaBot *bot = va_bot_new ();
  VaTopic *orders = add_topic (bot, "orders", "Orders", order_phrases);
  VaTopic *bye = add_topic (bot, "bye", "Bye", bye_phrases);
  VaTopic *escalate = add_topic (bot, "escalate", "Escalate", escalate_phrases);
  VaQuestionNode *question = va_question_node_new ("n1");
  VaActionNode *action = va_action_node_new ("n2");
  VaResponseMapping *mapping = va_response_mapping_new ();
  VaSetVariableNode *set = va_set_variable_node_new ("n4");
  VaConditionNode *condition = va_condition_node_new ("n5");
  VaConditionBranch *branch = va_condition_branch_new ();
  VaClause *clause = va_clause_new ();
  VaRedirectNode *redirect = va_redirect_node_new ("n6");
  VaTransferNode *transfer = va_transfer_node_new ("n2");
  static const char * const headers[] = { "X-Answer: {Answer}", NULL };

  va_bot_set_name (bot, "Clean");
  va_question_node_set_prompt (question, "Do you have the order number?");
  va_question_node_set_variable (question, "Answer");
  add_option (question, "Yes", "n2");
  add_option (question, "No", "n4");
  add_node (orders, question, NULL);

  va_action_node_set_url (action, "https://api.example.com/orders/{Answer}?q={{x}}");
  va_action_node_set_headers (action, headers);
  va_action_node_set_body (action, "{\"answer\": \"{Global.Answer}\"}");
  va_action_node_set_failure_next (action, "n4");
  va_response_mapping_set_path (mapping, "$.status");
  va_response_mapping_set_variable (mapping, "Global.Status");
  append (va_action_node_get_mappings (action), mapping);
  add_node (orders, action, "n3");

  add_node (orders, message ("n3", "Your order is {Status}. You said {Global.Answer}."), "n4");

  va_set_variable_node_set_variable (set, "Note");
  va_set_variable_node_set_value (set, "done {Status}");
  add_node (orders, set, "n5");

  va_clause_set_variable (clause, "Global.Note");
  va_clause_set_operator (clause, VA_OPERATOR_EQUALS);
  va_clause_set_value (clause, "{Answer}");
  append (va_condition_branch_get_clauses (branch), clause);
  va_condition_branch_set_next (branch, "n6");
  append (va_condition_node_get_branches (condition), branch);
  va_condition_node_set_else_next (condition, "n6");
  add_node (orders, condition, NULL);

  va_redirect_node_set_topic (redirect, "bye");
  add_node (orders, redirect, NULL);

  add_node (bye, message ("n1", "Goodbye from {Bot.Name} ({System.ConversationId}). {Note}"), "n2");
  add_node (bye, va_end_node_new ("n2"), NULL);

  va_topic_set_system (escalate, VA_SYSTEM_TOPIC_ESCALATE);
  add_node (escalate, message ("n1", "Continue here: [link]"), "n2");
  va_transfer_node_set_agent_message (transfer, "Last topic: {System.LastTopic}");
  add_node (escalate, transfer, NULL);
  va_bot_set_hub_link (bot, "https://hub.example.com/chat");

  return bot;
}

static VaTopic *
topic (VaBot      *bot,
       const char *id)
{
  return va_bot_find_topic (bot, id, NULL);
}

static gpointer
node (VaBot      *bot,
      const char *topic_id,
      const char *node_id)
{
  return va_topic_find_node (topic (bot, topic_id), node_id, NULL);
}

/* }}} */
/* {{{ Checking */

static GListStore *
check (VaBot *bot)
{
  GListStore *problems = va_bot_check_problems (bot);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (problems));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VaProblem) problem = g_list_model_get_item (G_LIST_MODEL (problems), i);

      g_test_message ("%s: %s [%s]",
                      va_problem_get_severity (problem) == VA_PROBLEM_ERROR ? "error" : "warning",
                      va_problem_get_message (problem), va_problem_get_location (problem));
    }
  return problems;
}

static void
assert_problem (VaProblem         *problem,
                VaProblemSeverity  severity,
                VaProblemKind      kind,
                const char        *topic_id,
                const char        *node_id,
                const char        *fragment)
{
  g_autofree char *message = NULL;
  g_autofree char *property_node_id = NULL;
  VaProblemSeverity property_severity;

  g_assert_cmpint (va_problem_get_kind (problem), ==, kind);
  g_assert_cmpint (va_problem_get_severity (problem), ==, severity);
  g_assert_cmpstr (va_problem_get_topic_id (problem), ==, topic_id);
  g_assert_cmpstr (va_problem_get_node_id (problem), ==, node_id);
  if (strstr (va_problem_get_message (problem), fragment) == NULL)
    g_error ("“%s” does not say “%s”", va_problem_get_message (problem), fragment);

  /* The same through the properties that the UI binds to. */
  g_object_get (problem, "message", &message, "node-id", &property_node_id,
                "severity", &property_severity, NULL);
  g_assert_cmpstr (message, ==, va_problem_get_message (problem));
  g_assert_cmpstr (property_node_id, ==, node_id);
  g_assert_cmpint (property_severity, ==, severity);
}

/* Asserts that the bot has exactly this one problem. */
static void
assert_only_problem (VaBot             *bot,
                     VaProblemSeverity  severity,
                     VaProblemKind      kind,
                     const char        *topic_id,
                     const char        *node_id,
                     const char        *fragment)
{
  g_autoptr(GListStore) problems = check (bot);
  g_autoptr(VaProblem) problem = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (problems)), ==, 1);
  problem = g_list_model_get_item (G_LIST_MODEL (problems), 0);
  assert_problem (problem, severity, kind, topic_id, node_id, fragment);
}

static void
assert_no_problems (VaBot *bot)
{
  g_autoptr(GListStore) problems = check (bot);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (problems)), ==, 0);
}

/* }}} */
/* {{{ Tests */

static void
test_clean_bot (void)
{
  g_autoptr(VaBot) bot = new_clean_bot ();

  assert_no_problems (bot);
}

static void
test_sample_bot (void)
{
  g_autoptr(VaBot) bot = va_template_new_bot ();
  g_autoptr(GListStore) problems = check (bot);
  g_autoptr(VaProblem) problem = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (problems)), ==, 1);
  problem = g_list_model_get_item (G_LIST_MODEL (problems), 0);
  assert_problem (problem, VA_PROBLEM_WARNING, VA_PROBLEM_KIND_LINK_PLACEHOLDER, "escalate", "n1",
                  "[link]");
  g_assert_cmpstr (va_problem_get_location (problem), ==, "Escalate › Message n1");

  /* With a hub link the runtime puts it in place of the placeholder. */
  va_bot_set_hub_link (bot, "https://hub.example.com/chat");
  assert_no_problems (bot);
}

static void
test_link_placeholder (void)
{
  g_autoptr(VaBot) bot = new_clean_bot ();

  va_bot_set_hub_link (bot, "  ");
  assert_only_problem (bot, VA_PROBLEM_WARNING, VA_PROBLEM_KIND_LINK_PLACEHOLDER, "escalate", "n1",
                       "still says “[link]”");

  /* Only the Escalate topic's placeholder matters. */
  va_message_node_set_text (node (bot, "escalate", "n1"), "Continue in the chat window.");
  va_message_node_set_text (node (bot, "bye", "n1"), "See [link]");
  assert_no_problems (bot);
}

static void
test_unreachable_node (void)
{
  g_autoptr(VaBot) bot = new_clean_bot ();

  add_node (topic (bot, "bye"), message ("n9", "Nobody gets here."), "n2");
  assert_only_problem (bot, VA_PROBLEM_WARNING, VA_PROBLEM_KIND_UNREACHABLE_NODE, "bye", "n9",
                       "Message n9 in “Bye” can never be reached");
}

static void
test_dangling_edge (void)
{
  g_autoptr(VaBot) bot = new_clean_bot ();
  g_autoptr(VaChoice) no = g_list_model_get_item (va_question_node_get_options (node (bot, "orders", "n1")), 1);

  /* n4 stays reachable through the action's failure branch. */
  va_choice_set_next (no, "gone");
  assert_only_problem (bot, VA_PROBLEM_ERROR, VA_PROBLEM_KIND_DANGLING_EDGE, "orders", "n1",
                       "The “No” branch of Question n1 in “Orders” leads to node “gone”");
  va_choice_set_next (no, "n4");

  va_action_node_set_failure_next (node (bot, "orders", "n2"), "n42");
  assert_only_problem (bot, VA_PROBLEM_ERROR, VA_PROBLEM_KIND_DANGLING_EDGE, "orders", "n2",
                       "“n42”");
}

static void
test_dangling_start (void)
{
  g_autoptr(VaBot) bot = new_clean_bot ();

  va_topic_set_start (topic (bot, "bye"), "n7");
  assert_only_problem (bot, VA_PROBLEM_ERROR, VA_PROBLEM_KIND_DANGLING_EDGE, "bye", NULL,
                       "“Bye” starts at node “n7”");
}

static void
test_no_start (void)
{
  g_autoptr(VaBot) bot = new_clean_bot ();

  va_topic_set_start (topic (bot, "bye"), NULL);
  assert_only_problem (bot, VA_PROBLEM_ERROR, VA_PROBLEM_KIND_NO_START, "bye", NULL,
                       "no start node");

  /* A topic without nodes has nothing to start. */
  g_list_store_remove_all (G_LIST_STORE (va_topic_get_nodes (topic (bot, "bye"))));
  assert_no_problems (bot);
}

static void
test_redirect (void)
{
  g_autoptr(VaBot) bot = new_clean_bot ();
  VaRedirectNode *redirect = node (bot, "orders", "n6");

  va_redirect_node_set_topic (redirect, "nowhere");
  assert_only_problem (bot, VA_PROBLEM_ERROR, VA_PROBLEM_KIND_BAD_REDIRECT, "orders", "n6",
                       "redirects to the topic “nowhere”, which does not exist");

  va_redirect_node_set_topic (redirect, "bye");
  va_topic_set_enabled (topic (bot, "bye"), FALSE);
  assert_only_problem (bot, VA_PROBLEM_ERROR, VA_PROBLEM_KIND_BAD_REDIRECT, "orders", "n6",
                       "redirects to “Bye”, which is turned off");

  va_topic_set_enabled (topic (bot, "bye"), TRUE);
  va_redirect_node_set_topic (redirect, NULL);
  assert_only_problem (bot, VA_PROBLEM_ERROR, VA_PROBLEM_KIND_BAD_REDIRECT, "orders", "n6",
                       "does not say which topic");
}

static void
test_unset_variable (void)
{
  g_autoptr(VaBot) bot = new_clean_bot ();
  g_autoptr(VaConditionBranch) branch = NULL;
  g_autoptr(VaClause) clause = NULL;

  va_message_node_set_text (node (bot, "bye", "n1"), "Bye {Name}, {Name} and {Global.Name}!");
  assert_only_problem (bot, VA_PROBLEM_WARNING, VA_PROBLEM_KIND_UNSET_VARIABLE, "bye", "n1",
                       "uses the variable “Name”, which nothing in the bot sets");

  /* Setting it anywhere, under its Global. name too, is enough. */
  va_set_variable_node_set_variable (node (bot, "orders", "n4"), "Global.Name");
  va_set_variable_node_set_value (node (bot, "orders", "n4"), "x");
  va_message_node_set_text (node (bot, "bye", "n1"), "Bye {Name} {Global.Name} {System.Anything}");
  branch = g_list_model_get_item (va_condition_node_get_branches (node (bot, "orders", "n5")), 0);
  clause = g_list_model_get_item (va_condition_branch_get_clauses (branch), 0);
  va_clause_set_variable (clause, "Name");
  assert_no_problems (bot);

  /* A condition's clause reads its variable. */
  va_clause_set_variable (clause, "Unknown");
  assert_only_problem (bot, VA_PROBLEM_WARNING, VA_PROBLEM_KIND_UNSET_VARIABLE, "orders", "n5",
                       "“Unknown”");
  va_clause_set_variable (clause, "Name");

  /* So does a URL. */
  va_action_node_set_url (node (bot, "orders", "n2"), "https://{ApiHost}/orders");
  assert_only_problem (bot, VA_PROBLEM_WARNING, VA_PROBLEM_KIND_UNSET_VARIABLE, "orders", "n2",
                       "“ApiHost”");
}

static void
test_no_trigger (void)
{
  g_autoptr(VaBot) bot = new_clean_bot ();
  VaTopic *lonely = add_topic (bot, "lonely", "Lonely", NULL);
  static const char * const blank[] = { "  ", NULL };

  add_node (lonely, message ("n1", "Hello?"), NULL);
  assert_only_problem (bot, VA_PROBLEM_WARNING, VA_PROBLEM_KIND_NO_TRIGGER, "lonely", NULL,
                       "“Lonely” has no trigger phrases and no topic redirects to it");
  va_topic_set_trigger_phrases (lonely, blank);
  assert_only_problem (bot, VA_PROBLEM_WARNING, VA_PROBLEM_KIND_NO_TRIGGER, "lonely", NULL,
                       "“Lonely”");

  /* Reached by a redirect: fine without phrases. Turned off: not a concern. */
  va_topic_set_trigger_phrases (topic (bot, "bye"), NULL);
  va_topic_set_enabled (lonely, FALSE);
  assert_no_problems (bot);

  /* System topics start by themselves. */
  va_topic_set_enabled (lonely, TRUE);
  va_topic_set_system (lonely, VA_SYSTEM_TOPIC_FALLBACK);
  assert_no_problems (bot);
}

static void
test_shared_phrase (void)
{
  g_autoptr(VaBot) bot = new_clean_bot ();
  static const char * const bye_phrases[] = { "bye", "Where is  MY order?!", NULL };
  static const char * const order_phrases[] = { "where is my order", "Talk to agent.", NULL };

  /* The later topic is told, naming the first. */
  va_topic_set_trigger_phrases (topic (bot, "bye"), bye_phrases);
  assert_only_problem (bot, VA_PROBLEM_WARNING, VA_PROBLEM_KIND_SHARED_PHRASE, "bye", NULL,
                       "“Where is  MY order?!” of “Bye” is also a trigger phrase of “Orders”");

  /* A disabled topic does not compete. */
  va_topic_set_enabled (topic (bot, "orders"), FALSE);
  assert_no_problems (bot);
  va_topic_set_enabled (topic (bot, "orders"), TRUE);
  va_topic_set_trigger_phrases (topic (bot, "bye"), NULL);

  /* A custom topic that repeats a system topic's phrase is the one told. */
  va_topic_set_trigger_phrases (topic (bot, "orders"), order_phrases);
  assert_only_problem (bot, VA_PROBLEM_WARNING, VA_PROBLEM_KIND_SHARED_PHRASE, "orders", NULL,
                       "also a trigger phrase of “Escalate”");
}

static void
test_invalid_url (void)
{
  g_autoptr(VaBot) bot = new_clean_bot ();
  VaActionNode *action = node (bot, "orders", "n2");
  const char *bad[] = { "ftp://example.com/{Answer}", "https:///path", "example.com/orders",
                        "javascript:alert(1)", "https://exa mple.com/" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      va_action_node_set_url (action, bad[i]);
      assert_only_problem (bot, VA_PROBLEM_ERROR, VA_PROBLEM_KIND_INVALID_URL, "orders", "n2",
                           "which is not a valid http or https address");
    }

  va_action_node_set_url (action, NULL);
  assert_only_problem (bot, VA_PROBLEM_ERROR, VA_PROBLEM_KIND_INVALID_URL, "orders", "n2",
                       "has no address to call");

  /* A variable stands for a valid part. */
  va_action_node_set_url (action, "HTTP://{Answer}.example.com:8080/x?y={Answer}");
  assert_no_problems (bot);
}

static void
test_question_options (void)
{
  g_autoptr(VaBot) bot = new_clean_bot ();
  VaQuestionNode *question = va_question_node_new ("q");
  VaTopic *multiple;

  va_question_node_set_variable (question, "Mood");
  add_node (topic (bot, "bye"), question, "n2");
  va_node_set_next (node (bot, "bye", "n1"), "q");
  assert_only_problem (bot, VA_PROBLEM_ERROR, VA_PROBLEM_KIND_NO_OPTIONS, "bye", "q",
                       "Question q in “Bye” asks to pick an option but has no options");

  /* Multiple topics matched gets its options at run time. */
  g_list_store_remove_all (G_LIST_STORE (va_topic_get_nodes (topic (bot, "bye"))));
  va_topic_set_start (topic (bot, "bye"), NULL);
  multiple = add_topic (bot, "multiple", "Multiple topics matched", NULL);
  va_topic_set_system (multiple, VA_SYSTEM_TOPIC_MULTIPLE_TOPICS_MATCHED);
  question = va_question_node_new ("n1");
  va_question_node_set_variable (question, "Chosen");
  add_node (multiple, question, NULL);
  assert_no_problems (bot);
}

static void
test_question_entity (void)
{
  g_autoptr(VaBot) bot = new_clean_bot ();
  VaQuestionNode *question = va_question_node_new ("q");
  VaEntity *entity;

  va_question_node_set_variable (question, "Size");
  va_question_node_set_mode (question, VA_QUESTION_MODE_ENTITY);
  va_question_node_set_entity (question, "shoe-size");
  add_node (topic (bot, "bye"), question, "n2");
  va_node_set_next (node (bot, "bye", "n1"), "q");
  assert_only_problem (bot, VA_PROBLEM_ERROR, VA_PROBLEM_KIND_UNKNOWN_ENTITY, "bye", "q",
                       "recognizes the entity “shoe-size”, which is neither a prebuilt nor a custom entity");

  va_question_node_set_entity (question, NULL);
  assert_only_problem (bot, VA_PROBLEM_ERROR, VA_PROBLEM_KIND_UNKNOWN_ENTITY, "bye", "q",
                       "does not say which entity");

  va_question_node_set_entity (question, "number");
  assert_no_problems (bot);

  entity = va_entity_new ();
  va_entity_set_id (entity, "shoe-size");
  va_entity_set_name (entity, "Shoe size");
  append (va_bot_get_entities (bot), entity);
  va_question_node_set_entity (question, "shoe-size");
  assert_no_problems (bot);

  /* Options kept from choice mode still must not lead nowhere (the file format refuses it). */
  add_option (question, "Small", "n8");
  assert_only_problem (bot, VA_PROBLEM_ERROR, VA_PROBLEM_KIND_DANGLING_EDGE, "bye", "q",
                       "The “Small” branch of Question q");
}

static void
test_misplaced_transfer (void)
{
  g_autoptr(VaBot) bot = new_clean_bot ();

  g_list_store_remove (G_LIST_STORE (va_topic_get_nodes (topic (bot, "bye"))), 1);
  add_node (topic (bot, "bye"), va_transfer_node_new ("n2"), NULL);
  assert_only_problem (bot, VA_PROBLEM_WARNING, VA_PROBLEM_KIND_MISPLACED_TRANSFER, "bye", "n2",
                       "Transfer to agent n2 in “Bye” hands the conversation to an agent outside the Escalate topic");
}

static void
test_order (void)
{
  g_autoptr(VaBot) bot = new_clean_bot ();
  g_autoptr(GListStore) problems = NULL;
  static const char * const bye_phrases[] = { "track my order", NULL };
  const char *expected[][2] = {
    { "orders", "n3" }, { "orders", "n6" }, { "bye", NULL }, { "bye", "n1" }, { "bye", "n9" },
  };

  add_node (topic (bot, "bye"), message ("n9", "Nobody gets here."), NULL);
  va_message_node_set_text (node (bot, "bye", "n1"), "{Unknown}");
  va_topic_set_trigger_phrases (topic (bot, "bye"), bye_phrases);
  va_redirect_node_set_topic (node (bot, "orders", "n6"), "nowhere");
  va_message_node_set_text (node (bot, "orders", "n3"), "{Unknown}");

  problems = check (bot);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (problems)), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(VaProblem) problem = g_list_model_get_item (G_LIST_MODEL (problems), i);

      g_assert_cmpstr (va_problem_get_topic_id (problem), ==, expected[i][0]);
      g_assert_cmpstr (va_problem_get_node_id (problem), ==, expected[i][1]);
    }
}

/* 1,000 topics × 50 nodes, each topic a chain with all node kinds that read and set variables:
 * no false alarm, and two broken edges give exactly their problems. Timing is printed, not
 * asserted. */
static void
test_big_bot (void)
{
  g_autoptr(VaBot) bot = va_bot_new ();
  g_autoptr(GListStore) problems = NULL;
  g_autoptr(VaProblem) first = NULL;
  g_autoptr(VaProblem) second = NULL;
  gint64 start;

  for (guint t = 0; t < 1000; t++)
    {
      g_autofree char *id = g_strdup_printf ("topic-%u", t);
      g_autofree char *name = g_strdup_printf ("Topic %u", t);
      g_autofree char *phrase = g_strdup_printf ("question number %u please", t);
      const char *phrases[] = { phrase, NULL };
      VaTopic *big = add_topic (bot, id, name, phrases);

      for (guint j = 1; j <= 50; j++)
        {
          g_autofree char *node_id = g_strdup_printf ("n%u", j);
          g_autofree char *next = j < 50 ? g_strdup_printf ("n%u", j + 1) : NULL;

          switch (j % 3)
            {
            case 0:
              {
                VaSetVariableNode *set = va_set_variable_node_new (node_id);

                va_set_variable_node_set_variable (set, j % 2 ? "Counter" : "Global.Total");
                va_set_variable_node_set_value (set, "{Counter}");
                add_node (big, set, next);
              }
              break;
            case 1:
              add_node (big, message (node_id, "Total so far: {Total}, {System.LastMessage}"), next);
              break;
            default:
              {
                VaQuestionNode *question = va_question_node_new (node_id);

                va_question_node_set_mode (question, VA_QUESTION_MODE_ENTITY);
                va_question_node_set_entity (question, "number");
                va_question_node_set_variable (question, "Counter");
                add_node (big, question, next);
              }
              break;
            }
        }
    }

  start = g_get_monotonic_time ();
  problems = check (bot);
  g_test_message ("checked 1000 × 50 nodes in %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (problems)), ==, 0);
  g_clear_object (&problems);

  /* The last node of a chain: its edge dangles and nothing else changes. */
  va_node_set_next (node (bot, "topic-700", "n50"), "nope");
  va_node_set_next (node (bot, "topic-3", "n50"), "nope");
  start = g_get_monotonic_time ();
  problems = check (bot);
  g_test_message ("checked again in %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (problems)), ==, 2);
  first = g_list_model_get_item (G_LIST_MODEL (problems), 0);
  second = g_list_model_get_item (G_LIST_MODEL (problems), 1);
  assert_problem (first, VA_PROBLEM_ERROR, VA_PROBLEM_KIND_DANGLING_EDGE, "topic-3", "n50", "“nope”");
  assert_problem (second, VA_PROBLEM_ERROR, VA_PROBLEM_KIND_DANGLING_EDGE, "topic-700", "n50", "“nope”");
}

/* }}} */

static void
test_bad_hub_addresses (void)
{
  g_autoptr(VaBot) bot = va_template_new_bot ();
  g_autoptr(GListStore) problems = NULL;
  guint n_invalid = 0;

  va_bot_set_hub_link (bot, "javascript:alert(1)");
  va_bot_set_webhook_url (bot, "file:///etc/passwd");
  problems = va_bot_check_problems (bot);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (problems)); i++)
    {
      g_autoptr(VaProblem) problem = g_list_model_get_item (G_LIST_MODEL (problems), i);

      if (va_problem_get_kind (problem) != VA_PROBLEM_KIND_INVALID_URL)
        continue;
      n_invalid++;
      g_assert_cmpstr (va_problem_get_topic_id (problem), ==, "escalate");
      g_assert_cmpint (va_problem_get_severity (problem), ==, VA_PROBLEM_ERROR);
      g_assert_true (strstr (va_problem_get_message (problem), "javascript:alert(1)") != NULL ||
                     strstr (va_problem_get_message (problem), "file:///etc/passwd") != NULL);
    }
  g_assert_cmpuint (n_invalid, ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/problems/clean-bot", test_clean_bot);
  g_test_add_func ("/problems/sample-bot", test_sample_bot);
  g_test_add_func ("/problems/link-placeholder", test_link_placeholder);
  g_test_add_func ("/problems/unreachable-node", test_unreachable_node);
  g_test_add_func ("/problems/dangling-edge", test_dangling_edge);
  g_test_add_func ("/problems/dangling-start", test_dangling_start);
  g_test_add_func ("/problems/no-start", test_no_start);
  g_test_add_func ("/problems/redirect", test_redirect);
  g_test_add_func ("/problems/unset-variable", test_unset_variable);
  g_test_add_func ("/problems/no-trigger", test_no_trigger);
  g_test_add_func ("/problems/shared-phrase", test_shared_phrase);
  g_test_add_func ("/problems/invalid-url", test_invalid_url);
  g_test_add_func ("/problems/question-options", test_question_options);
  g_test_add_func ("/problems/question-entity", test_question_entity);
  g_test_add_func ("/problems/misplaced-transfer", test_misplaced_transfer);
  g_test_add_func ("/problems/order", test_order);
  g_test_add_func ("/problems/big-bot", test_big_bot);

  g_test_add_func ("/problems/bad-hub-addresses", test_bad_hub_addresses);

  return g_test_run ();
}
