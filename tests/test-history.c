/* test-history.c: undo and redo of document edits, without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "va-bot.h"
#include "va-choice.h"
#include "va-format.h"
#include "va-history.h"
#include "va-message-node.h"
#include "va-question-node.h"
#include "va-template.h"
#include "va-test-util.h"
#include "va-topic.h"

static char *
snapshot (VaBot *bot)
{
  return va_format_save_data (bot, NULL);
}

static void
test_set_undo_redo (void)
{
  g_autoptr(VaHistory) history = va_history_new ();
  g_autoptr(VaMessageNode) node = va_message_node_new ("n1");

  g_assert_false (va_history_can_undo (history));
  va_history_set (history, node, "text", "Hello", NULL);
  g_assert_cmpstr (va_message_node_get_text (node), ==, "Hello");
  g_assert_true (va_history_can_undo (history));
  g_assert_true (va_history_get_modified (history));

  va_history_set (history, node, "text", "Bye", NULL);
  g_assert_true (va_history_undo (history));
  g_assert_cmpstr (va_message_node_get_text (node), ==, "Hello");
  g_assert_true (va_history_undo (history));
  g_assert_null (va_message_node_get_text (node));
  g_assert_false (va_history_undo (history));
  g_assert_false (va_history_get_modified (history));

  g_assert_true (va_history_redo (history));
  g_assert_true (va_history_redo (history));
  g_assert_cmpstr (va_message_node_get_text (node), ==, "Bye");
  g_assert_false (va_history_redo (history));
}

static void
test_no_op_adds_no_step (void)
{
  g_autoptr(VaHistory) history = va_history_new ();
  g_autoptr(VaMessageNode) node = va_message_node_new ("n1");
  const char *empty[] = { NULL };

  va_history_set (history, node, "text", NULL, NULL);
  va_history_set (history, node, "variations", empty, NULL);
  va_history_set (history, node, "x", 0, "y", 0, NULL);
  g_assert_cmpuint (va_history_get_n_undo (history), ==, 0);
  g_assert_false (va_history_get_modified (history));
}

static void
test_move_is_one_step (void)
{
  g_autoptr(VaHistory) history = va_history_new ();
  g_autoptr(VaMessageNode) node = va_message_node_new ("n1");

  va_history_set (history, node, "x", 120, "y", -40, NULL);
  g_assert_cmpuint (va_history_get_n_undo (history), ==, 1);
  g_assert_cmpint (va_node_get_x (VA_NODE (node)), ==, 120);
  g_assert_cmpint (va_node_get_y (VA_NODE (node)), ==, -40);
  va_history_undo (history);
  g_assert_cmpint (va_node_get_x (VA_NODE (node)), ==, 0);
  g_assert_cmpint (va_node_get_y (VA_NODE (node)), ==, 0);
}

static void
set_text_continuous (VaHistory  *history,
                     gpointer    object,
                     const char *text)
{
  GValue value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, text);
  va_history_set_continuous (history, object, "text", &value);
  g_value_unset (&value);
}

static void
test_continuous_merge (void)
{
  g_autoptr(VaHistory) history = va_history_new ();
  g_autoptr(VaMessageNode) node = va_message_node_new ("n1");

  /* Typing "Hi" then "Hi there" is one step... */
  set_text_continuous (history, node, "H");
  set_text_continuous (history, node, "Hi");
  set_text_continuous (history, node, "Hi there");
  g_assert_cmpuint (va_history_get_n_undo (history), ==, 1);

  /* ...until the field is left: the next typing is a step of its own. */
  va_history_seal (history);
  set_text_continuous (history, node, "Hi there!");
  g_assert_cmpuint (va_history_get_n_undo (history), ==, 2);

  va_history_undo (history);
  g_assert_cmpstr (va_message_node_get_text (node), ==, "Hi there");
  va_history_undo (history);
  g_assert_null (va_message_node_get_text (node));
  va_history_redo (history);
  g_assert_cmpstr (va_message_node_get_text (node), ==, "Hi there");
}

static void
test_continuous_other_property_does_not_merge (void)
{
  g_autoptr(VaHistory) history = va_history_new ();
  g_autoptr(VaQuestionNode) node = va_question_node_new ("n1");
  GValue value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, "Size?");
  va_history_set_continuous (history, node, "prompt", &value);
  g_value_set_string (&value, "Again?");
  va_history_set_continuous (history, node, "reprompt", &value);
  g_value_unset (&value);
  g_assert_cmpuint (va_history_get_n_undo (history), ==, 2);
}

static void
test_list_insert_remove (void)
{
  g_autoptr(VaHistory) history = va_history_new ();
  g_autoptr(VaTopic) topic = va_topic_new ();
  GListModel *nodes = va_topic_get_nodes (topic);
  g_autoptr(VaMessageNode) a = va_message_node_new ("a");
  g_autoptr(VaMessageNode) b = va_message_node_new ("b");

  va_history_append (history, nodes, a);
  va_history_append (history, nodes, b);
  g_assert_cmpuint (g_list_model_get_n_items (nodes), ==, 2);

  va_history_remove (history, nodes, 0);
  g_assert_cmpuint (g_list_model_get_n_items (nodes), ==, 1);
  g_assert_nonnull (va_topic_find_node (topic, "b", NULL));

  va_history_undo (history);
  g_assert_cmpuint (g_list_model_get_n_items (nodes), ==, 2);
  {
    g_autoptr(VaNode) first = g_list_model_get_item (nodes, 0);

    g_assert_true (first == VA_NODE (a));   /* back in its place */
  }
  va_history_undo (history);
  va_history_undo (history);
  g_assert_cmpuint (g_list_model_get_n_items (nodes), ==, 0);
  va_history_redo (history);
  va_history_redo (history);
  va_history_redo (history);
  g_assert_cmpuint (g_list_model_get_n_items (nodes), ==, 1);
  g_assert_true (va_history_remove_item (history, nodes, b));
  g_assert_false (va_history_remove_item (history, nodes, b));
}

/* Adding a node and connecting it is what the canvas does: one step. */
static void
test_group (void)
{
  g_autoptr(VaHistory) history = va_history_new ();
  g_autoptr(VaBot) bot = va_template_new_bot ();
  VaTopic *topic = va_bot_find_topic (bot, "store-hours", NULL);
  g_autofree char *before = snapshot (bot);
  g_autofree char *after = NULL;
  g_autofree char *again = NULL;
  g_autofree char *id = va_topic_make_node_id (topic);
  g_autoptr(VaMessageNode) node = va_message_node_new (id);
  VaNode *n2 = va_topic_find_node (topic, "n2", NULL);

  va_history_begin (history, "Add node");
  va_history_set (history, node, "text", "Inserted", "x", 10, "y", 20, NULL);
  va_history_append (history, va_topic_get_nodes (topic), node);
  va_history_set (history, node, "next", va_node_get_next (n2), NULL);
  va_history_set (history, n2, "next", id, NULL);
  va_history_end (history);

  g_assert_cmpuint (va_history_get_n_undo (history), ==, 1);
  g_assert_cmpstr (va_history_get_undo_label (history), ==, "Add node");
  after = snapshot (bot);
  g_assert_cmpstr (after, !=, before);

  va_history_undo (history);
  {
    g_autofree char *undone = snapshot (bot);

    g_assert_cmpstr (undone, ==, before);
  }
  g_assert_cmpstr (va_history_get_redo_label (history), ==, "Add node");
  va_history_redo (history);
  again = snapshot (bot);
  g_assert_cmpstr (again, ==, after);
}

static void
test_empty_group_adds_nothing (void)
{
  g_autoptr(VaHistory) history = va_history_new ();

  va_history_begin (history, "Nothing");
  va_history_begin (history, "Nested nothing");
  va_history_end (history);
  va_history_end (history);
  g_assert_false (va_history_can_undo (history));
}

static void
test_new_edit_drops_redo (void)
{
  g_autoptr(VaHistory) history = va_history_new ();
  g_autoptr(VaMessageNode) node = va_message_node_new ("n1");

  va_history_set (history, node, "text", "a", NULL);
  va_history_set (history, node, "text", "b", NULL);
  va_history_undo (history);
  g_assert_true (va_history_can_redo (history));
  va_history_set (history, node, "text", "c", NULL);
  g_assert_false (va_history_can_redo (history));
  va_history_undo (history);
  g_assert_cmpstr (va_message_node_get_text (node), ==, "a");
}

static void
test_modified_tracking (void)
{
  g_autoptr(VaHistory) history = va_history_new ();
  g_autoptr(VaMessageNode) node = va_message_node_new ("n1");

  va_history_set (history, node, "text", "a", NULL);
  va_history_mark_saved (history);
  g_assert_false (va_history_get_modified (history));
  va_history_set (history, node, "text", "b", NULL);
  g_assert_true (va_history_get_modified (history));
  va_history_undo (history);
  g_assert_false (va_history_get_modified (history));   /* back at the saved state */
  va_history_undo (history);
  g_assert_true (va_history_get_modified (history));
  va_history_redo (history);
  g_assert_false (va_history_get_modified (history));

  /* The saved state cannot come back once its redo branch is dropped. */
  va_history_undo (history);
  va_history_set (history, node, "text", "z", NULL);
  g_assert_true (va_history_get_modified (history));

  va_history_clear (history);
  g_assert_false (va_history_get_modified (history));
  g_assert_false (va_history_can_undo (history));
}

static void
test_trigger_phrases_and_topics (void)
{
  g_autoptr(VaHistory) history = va_history_new ();
  g_autoptr(VaBot) bot = va_template_new_bot ();
  g_autoptr(VaTopic) topic = va_topic_new ();
  VaTopic *hours = va_bot_find_topic (bot, "store-hours", NULL);
  g_auto(GStrv) original = g_strdupv ((char **) va_topic_get_trigger_phrases (hours));
  const char *edited[] = { "opening hours", NULL };
  guint n_topics = g_list_model_get_n_items (va_bot_get_topics (bot));

  va_history_set (history, hours, "trigger-phrases", edited, NULL);
  g_assert_cmpuint (g_strv_length ((char **) va_topic_get_trigger_phrases (hours)), ==, 1);
  va_history_undo (history);
  g_assert_true (g_strv_equal ((const char * const *) original, va_topic_get_trigger_phrases (hours)));

  va_topic_set_id (topic, "new");
  va_history_append (history, va_bot_get_topics (bot), topic);
  g_assert_cmpuint (g_list_model_get_n_items (va_bot_get_topics (bot)), ==, n_topics + 1);
  va_history_undo (history);
  g_assert_cmpuint (g_list_model_get_n_items (va_bot_get_topics (bot)), ==, n_topics);
  g_assert_null (va_bot_find_topic (bot, "new", NULL));
}

static void
test_step_limit (void)
{
  g_autoptr(VaHistory) history = va_history_new ();
  g_autoptr(VaMessageNode) node = va_message_node_new ("n1");
  guint undone = 0;

  for (int i = 0; i < 1100; i++)
    va_history_set (history, node, "x", i + 1, NULL);
  while (va_history_undo (history))
    undone++;
  g_assert_cmpuint (undone, ==, 1000);
  g_assert_cmpint (va_node_get_x (VA_NODE (node)), ==, 100);
  /* The document is not back at its start: it is still modified. */
  g_assert_true (va_history_get_modified (history));
}

static void
test_notify_can_undo (void)
{
  g_autoptr(VaHistory) history = va_history_new ();
  g_autoptr(VaMessageNode) node = va_message_node_new ("n1");
  gboolean can_undo = FALSE;
  guint notified = 0;

  g_signal_connect (history, "notify::can-undo", G_CALLBACK (va_test_count_notify), &notified);
  va_history_set (history, node, "text", "a", NULL);
  g_object_get (history, "can-undo", &can_undo, NULL);
  g_assert_true (can_undo);
  g_assert_cmpuint (notified, >=, 1);
}

static void
test_continuous_out_of_range_is_clamped (void)
{
  g_autoptr(VaHistory) history = va_history_new ();
  g_autoptr(VaQuestionNode) node = va_question_node_new ("n1");
  GValue value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_INT);
  g_value_set_int (&value, 3);
  va_history_set_continuous (history, node, "retries", &value);
  g_value_set_int (&value, 500);
  va_history_set_continuous (history, node, "retries", &value);
  g_value_unset (&value);
  g_assert_cmpint (va_question_node_get_retries (node), ==, 10);
  va_history_undo (history);
  va_history_redo (history);
  g_assert_cmpint (va_question_node_get_retries (node), ==, 10);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/history/set-undo-redo", test_set_undo_redo);
  g_test_add_func ("/history/no-op-adds-no-step", test_no_op_adds_no_step);
  g_test_add_func ("/history/move-is-one-step", test_move_is_one_step);
  g_test_add_func ("/history/continuous-merge", test_continuous_merge);
  g_test_add_func ("/history/continuous-other-property", test_continuous_other_property_does_not_merge);
  g_test_add_func ("/history/list-insert-remove", test_list_insert_remove);
  g_test_add_func ("/history/group", test_group);
  g_test_add_func ("/history/empty-group", test_empty_group_adds_nothing);
  g_test_add_func ("/history/new-edit-drops-redo", test_new_edit_drops_redo);
  g_test_add_func ("/history/modified-tracking", test_modified_tracking);
  g_test_add_func ("/history/trigger-phrases-and-topics", test_trigger_phrases_and_topics);
  g_test_add_func ("/history/step-limit", test_step_limit);
  g_test_add_func ("/history/notify-can-undo", test_notify_can_undo);
  g_test_add_func ("/history/continuous-out-of-range", test_continuous_out_of_range_is_clamped);

  return g_test_run ();
}
