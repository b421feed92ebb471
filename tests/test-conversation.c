/* test-conversation.c — the runtime: topics, nodes, variables, HTTP actions and the handoff
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "va-bot-recognizer.h"
#include "va-conversation.h"
#include "va-interpolate.h"
#include "va-redirect-node.h"
#include "va-topic.h"
#include "va-script.h"
#include "va-template.h"
#include "va-test-util.h"

/* {{{ Interpolation */

static const char *
lookup_table (const char *name,
              gpointer    user_data)
{
  if (g_str_equal (name, "Name"))
    return "Ann \"A\" & Co/1";
  if (g_str_equal (name, "System.LastTopic"))
    return "Orders";
  return NULL;
}

static void
test_interpolate (void)
{
  struct { const char *template_text; VaEscape escape; const char *expected; } cases[] = {
    { "Hi {Name}!", VA_ESCAPE_NONE, "Hi Ann \"A\" & Co/1!" },
    { "Topic: {System.LastTopic}", VA_ESCAPE_NONE, "Topic: Orders" },
    { "{Unknown}|", VA_ESCAPE_NONE, "|" },
    { "{{Name}} and {Name", VA_ESCAPE_NONE, "{Name} and {Name" },
    { "{ Name } {1abc} {Name.}", VA_ESCAPE_NONE, "{ Name } {1abc} {Name.}" },
    { "{\"n\": \"{Name}\"}", VA_ESCAPE_JSON, "{\"n\": \"Ann \\\"A\\\" & Co/1\"}" },
    { "https://x.org/?q={Name}", VA_ESCAPE_URI, "https://x.org/?q=Ann%20%22A%22%20%26%20Co%2F1" },
    { "", VA_ESCAPE_NONE, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *result = va_interpolate (cases[i].template_text, lookup_table, NULL,
                                                cases[i].escape);
      g_assert_cmpstr (result, ==, cases[i].expected);
    }

  {
    g_autoptr(GPtrArray) names = va_interpolate_list_variables ("{A} {B.c} {A} {{D}} {9}");

    g_assert_cmpuint (names->len, ==, 2);
    g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "A");
    g_assert_cmpstr (g_ptr_array_index (names, 1), ==, "B.c");
  }
}

/* }}} */
/* {{{ The sample bot */

static void
test_sample_order (void)
{
  g_autoptr(VaBot) bot = va_template_new_bot ();
  VaTestRun run = { 0 };
  g_autofree char *said = NULL;
  VaEvent *event;

  va_test_run_start (&run, bot);
  said = va_test_run_bot_said (&run);
  g_assert_true (g_str_has_prefix (said, "Hello, I'm Sample support bot, a virtual assistant."));
  g_assert_cmpint (va_conversation_get_state (run.conversation), ==, VA_CONVERSATION_STATE_WAITING);

  va_test_run_say (&run, "where is my order?");
  event = va_test_run_find_event (&run, VA_EVENT_TOPIC_STARTED, NULL);
  g_assert_nonnull (event);
  g_assert_cmpstr (event->topic_id, ==, "order-status");
  g_assert_cmpstr (event->name, ==, "trigger");
  g_clear_pointer (&said, g_free);
  said = va_test_run_bot_said (&run);
  g_assert_cmpstr (said, ==, "What is your order number?");
  g_assert_cmpstr (va_conversation_get_node_id (run.conversation), ==, "n1");

  /* Not a number: the reprompt. */
  va_test_run_say (&run, "hmm, I don't know");
  g_clear_pointer (&said, g_free);
  said = va_test_run_bot_said (&run);
  g_assert_cmpstr (said, ==, "An order number is a number like 12345. What is yours?");

  va_test_run_say (&run, "it is 12345");
  g_clear_pointer (&said, g_free);
  said = va_test_run_bot_said (&run);
  g_assert_cmpstr (said, ==, "Order 12345 is on its way and should arrive within 3 business days. | "
                             "Did that answer your question?");
  g_assert_cmpstr (va_conversation_get_variable (run.conversation, "OrderNumber"), ==, "12345");
  g_assert_cmpstr (va_conversation_get_topic_id (run.conversation), ==, "end-of-conversation");

  va_test_run_say (&run, "no");
  g_clear_pointer (&said, g_free);
  said = va_test_run_bot_said (&run);
  g_assert_cmpstr (said, ==, "Sorry I couldn't help. Would you like to talk to a person?");
  event = g_ptr_array_index (run.events, run.events->len - 1);
  g_assert_cmpint (event->kind, ==, VA_EVENT_BOT_MESSAGE);
  g_assert_cmpstr (event->choices[0], ==, "Yes");
  g_assert_cmpstr (event->choices[1], ==, "No");
  g_assert_null (event->choices[2]);

  va_test_run_say (&run, "yes");
  event = va_test_run_find_event (&run, VA_EVENT_HANDOFF, NULL);
  g_assert_nonnull (event);
  /* The sample bot still says [link]: no link, and the chat must say why. */
  g_assert_null (event->text);
  g_assert_cmpstr (event->name, ==, "placeholder");
  g_assert_cmpint (va_conversation_get_state (run.conversation), ==, VA_CONVERSATION_STATE_HANDED_OFF);

  /* Handed off: the bot keeps quiet, the agent speaks, completing gives it back. */
  va_test_run_say (&run, "hello?");
  g_clear_pointer (&said, g_free);
  said = va_test_run_bot_said (&run);
  g_assert_cmpstr (said, ==, "");
  va_conversation_agent_message (run.conversation, "Hi, I'm Sam.");
  va_conversation_handoff_status (run.conversation, "completed", NULL);
  g_assert_cmpint (va_conversation_get_state (run.conversation), ==, VA_CONVERSATION_STATE_WAITING);
  va_test_run_say (&run, "what are your opening hours");
  g_clear_pointer (&said, g_free);
  said = va_test_run_bot_said (&run);
  g_assert_cmpstr (said, ==, "Which store are you asking about?");
  va_test_run_clear (&run);
}

static void
test_handoff_context (void)
{
  g_autoptr(VaBot) bot = va_template_new_bot ();
  VaTestRun run = { 0 };
  VaEvent *event;
  JsonObject *activity, *value;
  JsonArray *activities;

  va_bot_set_hub_link (bot, "https://hub.example.com/canvas");
  va_test_run_start (&run, bot);
  va_test_run_say (&run, "where is my order");
  va_test_run_say (&run, "4711");
  va_test_run_say (&run, "talk to a person");

  event = va_test_run_find_event (&run, VA_EVENT_HANDOFF, NULL);
  g_assert_nonnull (event);
  g_assert_cmpstr (event->text, ==, "https://hub.example.com/canvas");
  activity = json_node_get_object (event->data);
  g_assert_cmpstr (json_object_get_string_member (activity, "name"), ==, "handoff.initiate");
  value = json_object_get_object_member (activity, "value");
  g_assert_cmpstr (json_object_get_string_member (value, "va_Scope"), ==, "bot");
  g_assert_cmpstr (json_object_get_string_member (value, "va_LastTopic"), ==, "Order status");
  g_assert_cmpstr (json_object_get_string_member (value, "va_LastPhrase"), ==, "talk to a person");
  g_assert_cmpstr (json_object_get_string_member (value, "va_LastPhrases"), ==, "talk to a person");
  g_assert_cmpstr (json_object_get_string_member (value, "va_ConversationId"), ==,
                   va_conversation_get_id (run.conversation));
  g_assert_cmpstr (json_object_get_string_member (value, "va_AgentMessage"), ==,
                   "The customer asked for help with: Order status");
  g_assert_cmpstr (json_object_get_string_member (value, "va_BotName"), ==, "Sample support bot");
  g_assert_cmpstr (json_object_get_string_member (value, "va_Language"), ==, "en");
  g_assert_cmpstr (json_object_get_string_member (value, "OrderNumber"), ==, "4711");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (value, "va_Phrases")), ==, 3);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (value, "va_Topics"), 1),
                   ==, "Order status");

  activities = json_object_get_array_member (
    json_object_get_object_member (
      json_array_get_object_element (json_object_get_array_member (activity, "attachments"), 0),
      "content"),
    "activities");
  /* greeting, 3 user messages, 3 bot answers, the Escalate message */
  g_assert_cmpuint (json_array_get_length (activities), >=, 7);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (activities, 1), "text"),
                   ==, "where is my order");
  va_test_run_clear (&run);
}

static void
test_fallback_escalates (void)
{
  g_autoptr(VaBot) bot = va_template_new_bot ();
  VaTestRun run = { 0 };
  g_autofree char *said = NULL;

  va_bot_set_escalate_after (bot, 3);
  va_test_run_start (&run, bot);
  va_test_run_say (&run, "zebra quantum xylophone");
  said = va_test_run_bot_said (&run);
  g_assert_cmpstr (said, ==, "Sorry, I didn't get that. Could you say it another way?");
  va_test_run_say (&run, "purple monkey dishwasher");
  g_assert_null (va_test_run_find_event (&run, VA_EVENT_HANDOFF, NULL));
  va_test_run_say (&run, "blorp");
  g_assert_nonnull (va_test_run_find_event (&run, VA_EVENT_HANDOFF, NULL));
  va_test_run_clear (&run);
}

/* }}} */
/* {{{ Every node kind, from the test bot */

static void
test_question_interrupted (void)
{
  g_autoptr(VaBot) bot = va_test_bot_load ("every-node.vabot");
  VaTestRun run = { 0 };
  g_autofree char *said = NULL;

  va_test_run_start (&run, bot);
  va_test_run_say (&run, "I want a pizza");
  said = va_test_run_bot_said (&run);
  g_assert_cmpstr (said, ==, "Let's get you a pizza. | Which size?");

  /* Not a size, clearly another topic: it runs, then the question comes back. */
  va_test_run_say (&run, "I forgot my password");
  g_clear_pointer (&said, g_free);
  said = va_test_run_bot_said (&run);
  g_assert_cmpstr (said, ==, "To reset your password, use the link on the sign-in page. | Which size?");
  g_assert_cmpstr (va_test_run_find_event (&run, VA_EVENT_TOPIC_STARTED, NULL)->name, ==, "switch");

  va_test_run_say (&run, "a big one");
  g_clear_pointer (&said, g_free);
  said = va_test_run_bot_said (&run);
  g_assert_cmpstr (said, ==, "How many?");
  g_assert_cmpstr (va_conversation_get_variable (run.conversation, "Size"), ==, "Large");
  va_test_run_clear (&run);
}

static void
test_step_limit (void)
{
  g_autoptr(VaBot) bot = va_test_bot_load ("every-node.vabot");
  VaTestRun run = { 0 };
  VaEvent *error;
  g_autofree char *said = NULL;

  va_test_run_init (&run, bot);
  va_conversation_set_step_limit (run.conversation, 50);
  va_conversation_start (run.conversation);
  va_test_run_say (&run, "loop forever");
  error = va_test_run_find_event (&run, VA_EVENT_ERROR, NULL);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->text, "50 steps"));
  g_assert_nonnull (strstr (error->text, "Loop forever"));
  said = va_test_run_bot_said (&run);
  g_assert_true (g_str_has_prefix (said, "Sorry, something went wrong on my side: The bot ran 50 steps"));
  g_assert_nonnull (va_test_run_find_event (&run, VA_EVENT_CONVERSATION_ENDED, NULL));
  g_assert_cmpint (va_conversation_get_state (run.conversation), ==, VA_CONVERSATION_STATE_ENDED);

  /* Ended: the next message starts a new conversation and works. */
  va_test_run_say (&run, "reset my PIN");
  g_clear_pointer (&said, g_free);
  said = va_test_run_bot_said (&run);
  g_assert_cmpstr (said, ==, "To reset your PIN, call your branch.");
  g_assert_nonnull (va_test_run_find_event (&run, VA_EVENT_CONVERSATION_STARTED, NULL));
  va_test_run_clear (&run);
}

static void
test_redirect_cycle (void)
{
  g_autoptr(VaBot) bot = va_test_bot_new_with_nodes (
    "[{\"id\": \"n1\", \"type\": \"message\", \"text\": \"again\", \"next\": \"n2\"},"
    "{\"id\": \"n2\", \"type\": \"redirect\", \"topic\": \"t\"}]");
  VaTestRun run = { 0 };
  VaEvent *error;

  va_test_run_start (&run, bot);
  va_test_run_say (&run, "go now");
  error = va_test_run_find_event (&run, VA_EVENT_ERROR, NULL);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->text, "32 deep"));
  g_assert_nonnull (va_test_run_find_event (&run, VA_EVENT_CONVERSATION_ENDED, NULL));
  va_test_run_clear (&run);
}

static void
test_conditions (void)
{
  struct { const char *op; const char *left; const char *right; gboolean expected; } cases[] = {
    { "equals", "Small", "small", TRUE },
    { "equals", "10", "10.0", TRUE },
    { "equals", "abc", "abd", FALSE },
    { "not-equals", "abc", "abd", TRUE },
    { "less", "9", "10", TRUE },          /* numbers, not text: "9" > "10" as text */
    { "less", "10", "9", FALSE },
    { "less-or-equal", "10", "10", TRUE },
    { "greater", "2026-12-01", "2026-11-30", TRUE },
    { "greater-or-equal", "-1", "0", FALSE },
    { "contains", "Large pizza", "PIZZA", TRUE },
    { "not-contains", "Large pizza", "soup", TRUE },
    { "starts-with", "Large pizza", "large", TRUE },
    { "starts-with", "Large pizza", "pizza", FALSE },
    { "is-blank", "", "", TRUE },
    { "is-blank", "  ", "", TRUE },
    { "is-not-blank", "x", "", TRUE },
    { "is-not-blank", "", "", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *nodes = g_strdup_printf (
        "[{\"id\": \"n1\", \"type\": \"set-variable\", \"variable\": \"L\", \"value\": \"%s\", \"next\": \"n2\"},"
        " {\"id\": \"n2\", \"type\": \"condition\", \"else_next\": \"n4\", \"branches\": [{\"next\": \"n3\","
        "   \"clauses\": [{\"variable\": \"L\", \"operator\": \"%s\", \"value\": \"%s\"}]}]},"
        " {\"id\": \"n3\", \"type\": \"message\", \"text\": \"yes\"},"
        " {\"id\": \"n4\", \"type\": \"message\", \"text\": \"no\"}]",
        cases[i].left, cases[i].op, cases[i].right);
      g_autoptr(VaBot) bot = va_test_bot_new_with_nodes (nodes);
      VaTestRun run = { 0 };
      g_autofree char *said = NULL;

      va_test_run_start (&run, bot);
      va_test_run_say (&run, "go now");
      said = va_test_run_bot_said (&run);
      if (g_strcmp0 (said, cases[i].expected ? "yes" : "no") != 0)
        g_error ("case %u: “%s” %s “%s” said %s", i, cases[i].left, cases[i].op, cases[i].right, said);
      va_test_run_clear (&run);
    }
}

static void
test_start_over_clears (void)
{
  g_autoptr(VaBot) bot = va_template_new_bot ();
  VaTestRun run = { 0 };
  g_autofree char *said = NULL;

  va_test_run_start (&run, bot);
  va_test_run_say (&run, "where is my order");
  va_test_run_say (&run, "555");
  g_assert_cmpstr (va_conversation_get_variable (run.conversation, "OrderNumber"), ==, "555");
  va_test_run_say (&run, "start over");
  said = va_test_run_bot_said (&run);
  g_assert_true (g_str_has_prefix (said, "Okay, let's start over. | Hello, I'm Sample support bot"));
  g_assert_null (va_conversation_get_variable (run.conversation, "OrderNumber"));
  va_test_run_clear (&run);
}

static void
test_multiple_topics (void)
{
  g_autoptr(VaBot) bot = va_test_bot_load ("every-node.vabot");
  VaTestRun run = { 0 };
  VaEvent *event;
  g_autofree char *said = NULL;

  va_test_run_start (&run, bot);
  va_test_run_say (&run, "reset");
  event = va_test_run_find_event (&run, VA_EVENT_RECOGNIZED, NULL);
  g_assert_cmpstr (event->name, ==, "multiple");
  event = va_test_run_find_event (&run, VA_EVENT_BOT_MESSAGE, NULL);
  g_assert_cmpstr (event->text, ==, "To clarify, did you mean:");
  g_assert_cmpuint (g_strv_length (event->choices), >=, 3);
  g_assert_cmpstr (event->choices[g_strv_length (event->choices) - 1], ==, "None of these");
  g_assert_true (g_strv_contains ((const char * const *) event->choices, "Reset PIN"));

  va_test_run_say (&run, "Reset PIN");
  said = va_test_run_bot_said (&run);
  g_assert_cmpstr (said, ==, "To reset your PIN, call your branch.");

  va_test_run_say (&run, "reset");
  va_test_run_say (&run, "none of these");
  g_clear_pointer (&said, g_free);
  said = va_test_run_bot_said (&run);
  g_assert_cmpstr (said, ==, "Sorry, I didn't get that. Could you say it another way?");
  va_test_run_clear (&run);
}

static void
test_hostile_text (void)
{
  g_autoptr(VaBot) bot = va_template_new_bot ();
  VaTestRun run = { 0 };
  g_autofree char *huge = g_strnfill (200000, 'a');

  va_bot_set_escalate_after (bot, 0);
  va_test_run_start (&run, bot);
  va_test_run_say (&run, " \t ");
  /* A blank message is no turn at all. */
  g_assert_cmpuint (run.events->len, ==, 0);
  g_assert_cmpuint (va_conversation_get_turn (run.conversation), ==, 0);
  va_test_run_say (&run, "\xff\xfe invalid \xc3");
  g_assert_true (g_utf8_validate (va_conversation_get_variable (run.conversation, "System.LastMessage"),
                                  -1, NULL));
  va_test_run_say (&run, huge);
  va_test_run_say (&run, "<b>{Bot.Name}</b> & {{");
  g_assert_nonnull (va_test_run_find_event (&run, VA_EVENT_BOT_MESSAGE, NULL));
  va_test_run_clear (&run);
}

/* }}} */
/* {{{ HTTP: a real server on 127.0.0.1 */

static VaBot *
bot_with_action (const char *url,
                 const char *body)
{
  g_autofree char *nodes = g_strdup_printf (
    "[{\"id\": \"n1\", \"type\": \"set-variable\", \"variable\": \"Q\", \"value\": \"a b&c\", \"next\": \"n2\"},"
    " {\"id\": \"n2\", \"type\": \"action\", \"method\": \"post\", \"url\": \"%s\", \"body\": \"%s\","
    "  \"timeout\": 2, \"next\": \"n3\", \"failure_next\": \"n4\","
    "  \"mappings\": [{\"path\": \"$.order.status\", \"variable\": \"Status\"},"
    "                 {\"path\": \"$.items[1]\", \"variable\": \"Second\"}]},"
    " {\"id\": \"n3\", \"type\": \"message\", \"text\": \"ok {Status} {Second}\"},"
    " {\"id\": \"n4\", \"type\": \"message\", \"text\": \"failed\"}]", url, body);
  return va_test_bot_new_with_nodes (nodes);
}

static void
test_action_http (void)
{
  VaTestServer s = { 0 };
  g_autofree char *url = NULL;
  g_autoptr(VaBot) bot = NULL;
  VaTestRun run = { 0 };
  g_autofree char *said = NULL;

  va_test_server_start (&s);
  url = g_strdup_printf ("%s/orders?q={Q}", s.base);
  bot = bot_with_action (url, "{\\\"q\\\": \\\"{Q}\\\"}");
  g_free (s.answer);
  s.answer = g_strdup ("{\"order\": {\"status\": \"shipped\"}, \"items\": [1, 2.5]}");

  va_test_run_start (&run, bot);
  g_ptr_array_set_size (run.events, 0);
  va_conversation_send (run.conversation, "go now");
  /* The request is under way: the conversation is busy and a message waits its turn. */
  g_assert_true (va_conversation_get_busy (run.conversation));
  va_conversation_send (run.conversation, "hi");
  va_test_run_settle (&run);
  said = va_test_run_bot_said (&run);
  g_assert_cmpstr (said, ==, "ok shipped 2.5 | Hello! How can I help you today?");
  g_assert_cmpuint (s.requests->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (s.requests, 0), ==,
                   "POST /orders?q=a%20b%26c\n{\"q\": \"a b&c\"}");

  /* A 500: the failure branch. */
  s.status = 500;
  va_test_run_say (&run, "go now");
  g_clear_pointer (&said, g_free);
  said = va_test_run_bot_said (&run);
  g_assert_cmpstr (said, ==, "failed");
  g_assert_nonnull (strstr (va_conversation_get_variable (run.conversation, "System.Error"), "500"));
  va_test_run_clear (&run);
  va_test_server_stop (&s);
}

static void
test_action_refused (void)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%d/x", va_test_closed_port ());
  g_autoptr(VaBot) bot = bot_with_action (url, "");
  VaTestRun run = { 0 };
  g_autofree char *said = NULL;
  VaEvent *event;

  va_test_run_start (&run, bot);
  va_test_run_say (&run, "go now");
  said = va_test_run_bot_said (&run);
  g_assert_cmpstr (said, ==, "failed");
  event = va_test_run_find_event (&run, VA_EVENT_ACTION, "failed");
  g_assert_nonnull (event);
  g_assert_nonnull (strstr (event->text, "refused"));
  va_test_run_clear (&run);
}

static void
test_action_bad_scheme (void)
{
  g_autoptr(VaBot) bot = bot_with_action ("file:///etc/passwd", "");
  VaTestRun run = { 0 };
  g_autofree char *said = NULL;

  va_test_run_start (&run, bot);
  va_test_run_say (&run, "go now");
  said = va_test_run_bot_said (&run);
  g_assert_cmpstr (said, ==, "failed");
  va_test_run_clear (&run);
}

static void
test_handoff_webhook (void)
{
  VaTestServer s = { 0 };
  g_autoptr(VaBot) bot = va_template_new_bot ();
  g_autofree char *webhook = NULL;
  VaTestRun run = { 0 };
  VaEvent *status = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *request;
  JsonObject *value;

  va_test_server_start (&s);
  webhook = g_strdup_printf ("%s/handoff", s.base);
  va_bot_set_webhook_url (bot, webhook);
  va_bot_set_hub_link (bot, "https://hub.example.com/c");
  g_free (s.answer);
  s.answer = g_strdup ("{\"name\": \"handoff.status\", \"value\": {\"state\": \"accepted\", "
                       "\"message\": \"Sam will take it\"}, \"chatUrl\": \"https://hub.example.com/c/42\"}");

  va_test_run_start (&run, bot);
  va_test_run_say (&run, "I want to talk to a person");
  g_assert_nonnull (va_test_run_find_event (&run, VA_EVENT_HANDOFF, NULL));
  while (s.requests->len == 0 ||
         (status = va_test_run_find_event (&run, VA_EVENT_HANDOFF_STATUS, NULL)) == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpstr (status->name, ==, "accepted");
  g_assert_cmpstr (status->text, ==, "Sam will take it");
  g_assert_cmpstr (json_node_get_string (status->data), ==, "https://hub.example.com/c/42");

  request = g_ptr_array_index (s.requests, 0);
  g_assert_true (g_str_has_prefix (request, "POST /handoff\n"));
  g_assert_true (json_parser_load_from_data (parser, strchr (request, '\n') + 1, -1, NULL));
  value = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "value");
  g_assert_cmpstr (json_object_get_string_member (value, "va_LastPhrase"), ==, "I want to talk to a person");
  g_assert_cmpstr (json_object_get_string_member (value, "va_BotName"), ==, "Sample support bot");
  va_test_run_clear (&run);
  va_test_server_stop (&s);
}


/* {{{ Hostile bots and listeners (found by review) */

static VaBot *
template_with (const char *topic_id,
               const char *nodes_json,
               gboolean    enabled)
{
  g_autoptr(VaBot) bot = va_template_new_bot ();
  VaTopic *topic = va_bot_find_topic (bot, topic_id, NULL);

  va_topic_set_enabled (topic, enabled);
  if (nodes_json != NULL)
    {
      g_autoptr(VaBot) donor = va_test_bot_new_with_nodes (nodes_json);
      VaTopic *t = va_bot_find_topic (donor, "t", NULL);
      GListStore *nodes = G_LIST_STORE (va_topic_get_nodes (topic));

      g_list_store_remove_all (nodes);
      while (g_list_model_get_n_items (va_topic_get_nodes (t)) > 0)
        {
          g_autoptr(VaNode) node = g_list_model_get_item (va_topic_get_nodes (t), 0);

          g_list_store_remove (G_LIST_STORE (va_topic_get_nodes (t)), 0);
          g_list_store_append (nodes, node);
        }
      va_topic_set_start (topic, "n1");
    }
  return g_steal_pointer (&bot);
}

static void
test_on_error_disabled (void)
{
  g_autoptr(VaBot) bot = template_with ("on-error", NULL, FALSE);
  VaTopic *store = va_bot_find_topic (bot, "store-hours", NULL);
  VaTestRun run = { 0 };

  /* Store hours redirects to a topic that does not exist. */
  va_redirect_node_set_topic (VA_REDIRECT_NODE (va_topic_find_node (store, "n5", NULL)), "missing");
  va_topic_set_start (store, "n5");
  va_test_run_start (&run, bot);
  va_test_run_say (&run, "what are your opening hours");
  g_assert_nonnull (va_test_run_find_event (&run, VA_EVENT_ERROR, NULL));
  g_assert_nonnull (va_test_run_find_event (&run, VA_EVENT_CONVERSATION_ENDED, NULL));
  g_assert_cmpuint (run.events->len, <, 20);
  va_test_run_clear (&run);
}

static void
test_on_error_loops (void)
{
  /* On error sends to Goodbye, and Goodbye fails again: one error per turn ends it. */
  g_autoptr(VaBot) bot = template_with ("on-error",
                                        "[{\"id\": \"n1\", \"type\": \"redirect\", \"topic\": \"goodbye\"}]",
                                        TRUE);
  VaTopic *goodbye = va_bot_find_topic (bot, "goodbye", NULL);
  VaTestRun run = { 0 };

  {
    g_autoptr(VaNode) redirect = va_node_new_for_kind (VA_NODE_KIND_REDIRECT, "n9");

    va_redirect_node_set_topic (VA_REDIRECT_NODE (redirect), "gone");
    g_list_store_append (G_LIST_STORE (va_topic_get_nodes (goodbye)), redirect);
    va_topic_set_start (goodbye, "n9");
  }
  va_test_run_start (&run, bot);
  va_test_run_say (&run, "bye");
  g_assert_nonnull (va_test_run_find_event (&run, VA_EVENT_CONVERSATION_ENDED, NULL));
  g_assert_cmpstr (va_test_run_find_event (&run, VA_EVENT_CONVERSATION_ENDED, NULL)->name, ==,
                   "error");
  g_assert_cmpuint (run.events->len, <, 40);
  va_test_run_clear (&run);
}

static void
test_variable_doubling (void)
{
  g_autoptr(VaBot) bot = va_test_bot_new_with_nodes (
    "[{\"id\": \"n0\", \"type\": \"set-variable\", \"variable\": \"X\", \"value\": \"ab\", \"next\": \"n1\"},"
    " {\"id\": \"n1\", \"type\": \"set-variable\", \"variable\": \"X\", \"value\": \"{X}{X}\", \"next\": \"n1\"}]");
  VaTopic *topic = va_bot_find_topic (bot, "t", NULL);
  VaTestRun run = { 0 };
  const char *x;

  va_topic_set_start (topic, "n0");
  va_test_run_start (&run, bot);
  va_test_run_say (&run, "go now");
  g_assert_nonnull (va_test_run_find_event (&run, VA_EVENT_ERROR, NULL));
  x = va_conversation_get_variable (run.conversation, "X");
  g_assert_nonnull (x);
  g_assert_cmpuint (strlen (x), <=, VA_INTERPOLATE_MAX_BYTES);
  g_assert_cmpuint (strlen (x), >, VA_INTERPOLATE_MAX_BYTES / 2);
  va_test_run_clear (&run);
}

typedef struct
{
  guint messages;
  guint restarts;
} Reentrant;

static void
reenter (VaConversation *conversation,
         VaEvent        *event,
         Reentrant      *state)
{
  if (event->kind == VA_EVENT_BOT_MESSAGE && state->messages++ == 1)
    va_conversation_send (conversation, "bye");
  if (event->kind == VA_EVENT_NODE_ENTERED && state->restarts == 0 &&
      g_strcmp0 (event->topic_id, "store-hours") == 0)
    {
      state->restarts++;
      va_conversation_start (conversation);
    }
}

static void
test_reentrant_listener (void)
{
  g_autoptr(VaBot) bot = va_template_new_bot ();
  VaTestRun run = { 0 };
  Reentrant state = { 0 };
  g_autofree char *said = NULL;

  va_test_run_init (&run, bot);
  g_signal_connect (run.conversation, "event", G_CALLBACK (reenter), &state);
  va_conversation_start (run.conversation);
  /* The listener's "bye" runs after the greeting, not inside it. */
  g_assert_cmpint (va_conversation_get_state (run.conversation), ==, VA_CONVERSATION_STATE_WAITING);
  va_test_run_say (&run, "what are your opening hours");
  g_assert_cmpuint (state.restarts, ==, 1);
  /* The restart happened once the turn was done: the conversation starts over cleanly. */
  said = va_test_run_bot_said (&run);
  g_assert_true (g_str_has_suffix (said, "What can I do for you?"));
  g_assert_null (va_conversation_get_topic_id (run.conversation));
  va_test_run_clear (&run);
}

static void
count_events (VaConversation *conversation,
              VaEvent        *event,
              guint          *count)
{
  (*count)++;
}

static void
test_release_while_busy (void)
{
  g_autoptr(VaBot) bot = bot_with_action ("https://api.example/x", "");
  VaConversation *conversation = va_conversation_new (bot, NULL);
  guint count = 0;

  va_conversation_add_http_mock (conversation, "POST", "https://api.example/x", 200, "{}");
  va_conversation_start (conversation);
  va_conversation_send (conversation, "go now");
  g_assert_true (va_conversation_get_busy (conversation));
  g_signal_connect (conversation, "event", G_CALLBACK (count_events), &count);
  g_object_unref (conversation);
  for (int i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (count, ==, 0);
}

static void
test_cancel_drops_queue (void)
{
  g_autoptr(VaBot) bot = bot_with_action ("https://api.example/x", "");
  VaTestRun run = { 0 };

  va_test_run_init (&run, bot);
  va_conversation_add_http_mock (run.conversation, "POST", "https://api.example/x", 200, "{}");
  va_conversation_start (run.conversation);
  va_conversation_send (run.conversation, "go now");
  va_conversation_send (run.conversation, "bye");
  va_conversation_cancel (run.conversation);
  g_ptr_array_set_size (run.events, 0);
  for (int i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_null (va_test_run_find_event (&run, VA_EVENT_BOT_MESSAGE, NULL));
  g_assert_cmpint (va_conversation_get_state (run.conversation), ==, VA_CONVERSATION_STATE_WAITING);
  va_test_run_clear (&run);
}

static void
test_stale_recognizer (void)
{
  g_autoptr(VaBot) bot = va_template_new_bot ();
  g_autoptr(VaRecognizer) recognizer = va_bot_recognizer_new (bot);
  guint position;
  g_autofree char *said = NULL;
  VaTestRun run = { 0 };

  va_bot_find_topic (bot, "store-hours", &position);
  g_list_store_remove (G_LIST_STORE (va_bot_get_topics (bot)), position);
  va_test_run_watch (&run, va_conversation_new (bot, recognizer));
  va_conversation_start (run.conversation);
  va_test_run_say (&run, "what are your opening hours");
  said = va_test_run_bot_said (&run);
  g_assert_cmpstr (said, ==, "Sorry, I didn't get that. Could you say it another way?");
  va_test_run_clear (&run);
}

static void
test_fallback_disabled (void)
{
  g_autoptr(VaBot) bot = template_with ("fallback", NULL, FALSE);
  VaTestRun run = { 0 };
  g_autofree char *said = NULL;

  va_bot_set_escalate_after (bot, 2);
  va_test_run_start (&run, bot);
  va_test_run_say (&run, "qwertzuiop asdf");
  said = va_test_run_bot_said (&run);
  g_assert_cmpstr (said, ==, "");
  g_assert_null (va_test_run_find_event (&run, VA_EVENT_ERROR, NULL));
  va_test_run_say (&run, "zxcvbnm");
  g_assert_nonnull (va_test_run_find_event (&run, VA_EVENT_HANDOFF, NULL));
  va_test_run_clear (&run);
}

static void
test_recorder_mocks_and_now (void)
{
  g_autoptr(VaBot) bot = bot_with_action ("https://api.example/x?q={Q}", "");
  g_autoptr(VaConversation) conversation = va_conversation_new (bot, NULL);
  g_autoptr(VaScriptRecorder) recorder = va_script_recorder_new (conversation);
  g_autofree char *text = NULL;
  g_autoptr(VaScript) script = NULL;
  g_autoptr(GString) report = g_string_new (NULL);

  va_conversation_add_http_mock (conversation, "POST", "https://api.example/x?q=a%20b%26c", 200,
                                 "{\"order\": {\"status\": \"late\"},\n \"items\": [\"x\", \"y\"]}");
  va_conversation_start (conversation);
  va_conversation_send (conversation, "go now");
  while (va_conversation_get_busy (conversation))
    g_main_context_iteration (NULL, TRUE);
  text = va_script_to_string (va_script_recorder_get (recorder));
  g_assert_nonnull (strstr (text, "\n[now="));
  g_assert_nonnull (strstr (text, "[mock POST https://api.example/x?q=a%20b%26c 200 {\"order\": "
                                  "{\"status\": \"late\"},\\n \"items\": [\"x\", \"y\"]}]\n"));
  g_assert_nonnull (strstr (text, "bot: ok late y\n"));
  script = va_script_parse (text, -1, "recorded", NULL);
  g_assert_nonnull (script);
  g_assert_true (va_script_run (script, bot, NULL, report));
}

/* A Call action that fails is recorded with the request it made, not the error's words, so the
 * replay finds its [mock] (found by fuzz-conversation). */
static void
test_recorder_failed_action (void)
{
  g_autoptr(VaBot) bot = bot_with_action ("https://api.example/x?q={Q}", "");
  g_autoptr(VaConversation) conversation = va_conversation_new (bot, NULL);
  g_autoptr(VaScriptRecorder) recorder = va_script_recorder_new (conversation);
  g_autofree char *text = NULL;
  g_autoptr(VaScript) script = NULL;
  g_autoptr(GString) report = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  va_conversation_add_http_mock (conversation, "POST", "https://api.example/x?q=a%20b%26c", 503,
                                 "busy");
  va_conversation_start (conversation);
  va_conversation_send (conversation, "go now");
  while (va_conversation_get_busy (conversation))
    g_main_context_iteration (NULL, TRUE);
  text = va_script_to_string (va_script_recorder_get (recorder));
  g_assert_nonnull (strstr (text, "[mock POST https://api.example/x?q=a%20b%26c 503 busy]\n"));
  g_assert_null (strstr (text, "[mock POST failed"));
  g_assert_nonnull (strstr (text, "bot: failed\n"));
  script = va_script_parse (text, -1, "recorded", &error);
  g_assert_no_error (error);
  g_assert_true (va_script_run (script, bot, NULL, report));
  g_assert_cmpstr (report->str, ==, "");
}

/* A Call action that fails before any request (a bad address) reports no answer, even right after
 * another action got one (found by fuzz-conversation). */
static void
test_action_failure_no_stale_answer (void)
{
  g_autoptr(VaBot) bot = va_test_bot_new_with_nodes (
    "[{\"id\": \"n1\", \"type\": \"action\", \"method\": \"get\", \"url\": \"https://api.example/a\","
    "  \"next\": \"n2\"},"
    " {\"id\": \"n2\", \"type\": \"action\", \"method\": \"get\", \"url\": \"file:///etc/passwd\","
    "  \"next\": \"n3\", \"failure_next\": \"n4\"},"
    " {\"id\": \"n3\", \"type\": \"message\", \"text\": \"ok\"},"
    " {\"id\": \"n4\", \"type\": \"message\", \"text\": \"failed\"}]");
  VaTestRun run = { 0 };
  g_autofree char *said = NULL;
  VaEvent *succeeded = NULL;
  VaEvent *failed = NULL;

  va_test_run_init (&run, bot);
  va_conversation_add_http_mock (run.conversation, "GET", "https://api.example/a", 200, "{}");
  va_conversation_start (run.conversation);
  va_test_run_say (&run, "go now");
  said = va_test_run_bot_said (&run);
  g_assert_cmpstr (said, ==, "failed");
  for (guint i = 0; i < run.events->len; i++)
    {
      VaEvent *event = g_ptr_array_index (run.events, i);

      if (event->kind == VA_EVENT_ACTION && g_strcmp0 (event->name, "succeeded") == 0)
        succeeded = event;
      else if (event->kind == VA_EVENT_ACTION && g_strcmp0 (event->name, "failed") == 0)
        failed = event;
    }
  g_assert_nonnull (succeeded);
  g_assert_nonnull (succeeded->data);
  g_assert_nonnull (failed);
  g_assert_nonnull (strstr (failed->text, "file:///etc/passwd"));
  g_assert_null (failed->data);
  va_test_run_clear (&run);
}

/* }}} */
/* {{{ Scripts */

static void
test_script_round_trip (void)
{
  g_autoptr(VaBot) bot = va_template_new_bot ();
  g_autoptr(VaConversation) conversation = va_conversation_new (bot, NULL);
  g_autoptr(VaScriptRecorder) recorder = va_script_recorder_new (conversation);
  g_autofree char *text = NULL;
  g_autoptr(VaScript) script = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) report = g_string_new (NULL);
  char *changed;

  va_conversation_start (conversation);
  va_conversation_send (conversation, "what are your opening hours");
  va_conversation_send (conversation, "the airport one");
  va_conversation_send (conversation, "yes");
  text = va_script_to_string (va_script_recorder_get (recorder));
  g_assert_nonnull (strstr (text, "\nuser: the airport one\nbot: The Airport store is open every day, "
                                  "6 am to 10 pm.\nbot: Did that answer your question?\n"
                                  "[choices=Yes|No]\n"));
  g_assert_nonnull (strstr (text, "[topic=store-hours]"));

  script = va_script_parse (text, -1, "recorded", &error);
  g_assert_no_error (error);
  g_assert_true (va_script_run (script, bot, NULL, report));
  g_assert_cmpstr (report->str, ==, "");
  g_clear_pointer (&script, va_script_free);

  /* The same script with one answer changed fails, and says where and how. */
  changed = strstr (text, "6 am to 10 pm");
  changed[0] = '7';
  script = va_script_parse (text, -1, "recorded", &error);
  g_assert_no_error (error);
  g_assert_false (va_script_run (script, bot, NULL, report));
  g_assert_nonnull (strstr (report->str, "turn 2 (user: the airport one) does not match"));
  g_assert_nonnull (strstr (report->str, "  - bot: The Airport store is open every day, 7 am to 10 pm."));
  g_assert_nonnull (strstr (report->str, "  + bot: The Airport store is open every day, 6 am to 10 pm."));
}

static void
test_script_syntax (void)
{
  struct { const char *text; const char *message; } cases[] = {
    { "user: hi\nhello there\n", "bad:2: expected “user:”, “bot:”, “agent:” or a [directive]" },
    { "user: hi\n[frobnicate]\n", "bad:2: “[frobnicate]” is not a directive" },
    { "[seed=-4]\n", "bad:1:" },
    { "[now=yesterday]\n", "bad:1:" },
    { "[mock GET https://x 99]\n", "bad:1:" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(VaScript) script = va_script_parse (cases[i].text, -1, "bad", &error);

      g_assert_null (script);
      g_assert_error (error, VA_SCRIPT_ERROR, VA_SCRIPT_ERROR_SYNTAX);
      if (!g_str_has_prefix (error->message, cases[i].message))
        g_error ("case %u: %s", i, error->message);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(VaScript) script =
      va_script_parse ("\xEF\xBB\xBF# c\r\nuser=Joe\r\nbot=Max\r\nMax: Hi\\nthere\r\nJoe: yo \\\\ x\r\n"
                       "[var A=b=c]\r\n[mock POST https://x/y 201 {\"a\": 1}]\n", -1, "ok", &error);
    VaScriptTurn *turn;

    g_assert_no_error (error);
    g_assert_cmpuint (script->turns->len, ==, 2);
    turn = g_ptr_array_index (script->turns, 0);
    g_assert_cmpstr (g_ptr_array_index (turn->bot, 0), ==, "Hi\nthere");
    turn = g_ptr_array_index (script->turns, 1);
    g_assert_cmpstr (turn->text, ==, "yo \\ x");
    g_assert_cmpstr (g_ptr_array_index (turn->variables, 0), ==, "A\nb=c");
    g_assert_cmpstr (g_ptr_array_index (script->mocks, 0), ==, "POST\nhttps://x/y\n201\n{\"a\": 1}");
  }
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/conversation/interpolate", test_interpolate);
  g_test_add_func ("/conversation/sample-order", test_sample_order);
  g_test_add_func ("/conversation/handoff-context", test_handoff_context);
  g_test_add_func ("/conversation/fallback-escalates", test_fallback_escalates);
  g_test_add_func ("/conversation/question-interrupted", test_question_interrupted);
  g_test_add_func ("/conversation/step-limit", test_step_limit);
  g_test_add_func ("/conversation/redirect-cycle", test_redirect_cycle);
  g_test_add_func ("/conversation/conditions", test_conditions);
  g_test_add_func ("/conversation/start-over", test_start_over_clears);
  g_test_add_func ("/conversation/multiple-topics", test_multiple_topics);
  g_test_add_func ("/conversation/hostile-text", test_hostile_text);
  g_test_add_func ("/conversation/action-http", test_action_http);
  g_test_add_func ("/conversation/action-refused", test_action_refused);
  g_test_add_func ("/conversation/action-bad-scheme", test_action_bad_scheme);
  g_test_add_func ("/conversation/handoff-webhook", test_handoff_webhook);
  g_test_add_func ("/conversation/on-error-disabled", test_on_error_disabled);
  g_test_add_func ("/conversation/on-error-loops", test_on_error_loops);
  g_test_add_func ("/conversation/variable-doubling", test_variable_doubling);
  g_test_add_func ("/conversation/reentrant-listener", test_reentrant_listener);
  g_test_add_func ("/conversation/release-while-busy", test_release_while_busy);
  g_test_add_func ("/conversation/cancel-drops-queue", test_cancel_drops_queue);
  g_test_add_func ("/conversation/stale-recognizer", test_stale_recognizer);
  g_test_add_func ("/conversation/fallback-disabled", test_fallback_disabled);
  g_test_add_func ("/conversation/recorder-mocks-and-now", test_recorder_mocks_and_now);
  g_test_add_func ("/conversation/recorder-failed-action", test_recorder_failed_action);
  g_test_add_func ("/conversation/action-failure-no-stale-answer",
                   test_action_failure_no_stale_answer);
  g_test_add_func ("/conversation/script-round-trip", test_script_round_trip);
  g_test_add_func ("/conversation/script-syntax", test_script_syntax);

  return g_test_run ();
}
