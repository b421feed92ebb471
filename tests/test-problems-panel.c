/* test-problems-panel.c: the problems panel under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "va-history.h"
#include "va-node.h"
#include "va-problems.h"
#include "va-problems-panel.h"
#include "va-template.h"
#include "va-test-ui.h"
#include "va-topic.h"

typedef struct
{
  GtkWindow       *window;
  VaProblemsPanel *panel;
  VaBot           *bot;
  VaHistory       *history;
  guint            n_notified;
  guint            n_activated;
  char            *topic_id;
  char            *node_id;
} Fixture;

/* Whether a label on screen contains @text. */
static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  g_autoptr(GPtrArray) labels = va_test_shown_labels (widget);

  for (guint i = 0; i < labels->len; i++)
    if (strstr (g_ptr_array_index (labels, i), text) != NULL)
      return TRUE;
  return FALSE;
}

static void
n_problems_notified (Fixture *fixture)
{
  fixture->n_notified++;
}

static void
problem_activated (VaProblemsPanel *panel,
                   const char      *topic_id,
                   const char      *node_id,
                   Fixture         *fixture)
{
  fixture->n_activated++;
  g_free (fixture->topic_id);
  g_free (fixture->node_id);
  fixture->topic_id = g_strdup (topic_id);
  fixture->node_id = g_strdup (node_id);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->bot = va_template_new_bot ();
  fixture->history = va_history_new ();
  fixture->window = GTK_WINDOW (gtk_window_new ());
  fixture->panel = VA_PROBLEMS_PANEL (va_problems_panel_new ());
  g_object_set (fixture->panel, "history", fixture->history, NULL);
  va_problems_panel_set_bot (fixture->panel, fixture->bot);
  g_signal_connect_swapped (fixture->panel, "notify::n-problems", G_CALLBACK (n_problems_notified), fixture);
  g_signal_connect (fixture->panel, "problem-activated", G_CALLBACK (problem_activated), fixture);

  gtk_window_set_title (fixture->window, "Problems");
  gtk_window_set_default_size (fixture->window, 720, 240);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->panel));
  gtk_window_present (fixture->window);
  va_test_wait_for_draw (GTK_WIDGET (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_destroy (fixture->window);
  g_clear_object (&fixture->history);
  g_clear_object (&fixture->bot);
  g_clear_pointer (&fixture->topic_id, g_free);
  g_clear_pointer (&fixture->node_id, g_free);
}

/* Spins the main loop until the panel shows @n problems, for at most five seconds. */
static void
wait_for_problems (Fixture *fixture,
                   guint    n)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (va_problems_panel_get_n_problems (fixture->panel) != n && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (va_problems_panel_get_n_problems (fixture->panel), ==, n);
  va_test_wait_for_draw (GTK_WIDGET (fixture->window));
}

static void
test_sample_bot (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);

  /* Checked at once when the bot is set: the Escalate topic's "[link]" only. */
  g_assert_cmpuint (va_problems_panel_get_n_problems (fixture->panel), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (va_problems_panel_get_problems (fixture->panel)), ==, 1);
  g_assert_cmpuint (va_problems_panel_count_for_topic (fixture->panel, "escalate"), ==, 1);
  g_assert_cmpuint (va_problems_panel_count_for_topic (fixture->panel, "store-hours"), ==, 0);
  g_assert_true (shows_text (window, "still says “[link]”"));
  g_assert_true (shows_text (window, "Escalate › Message n1"));
  g_assert_false (shows_text (window, "No Problems"));

  /* A bot setting is not a history step, and still counts. */
  va_bot_set_hub_link (fixture->bot, "https://hub.example.com/chat");
  wait_for_problems (fixture, 0);
  g_assert_cmpuint (va_problems_panel_count_for_topic (fixture->panel, "escalate"), ==, 0);
  g_assert_true (shows_text (window, "No Problems"));
  va_test_save_screenshot (window, "problems-panel-empty.png");
}

static void
test_edit_and_activate (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  VaTopic *topic = va_bot_find_topic (fixture->bot, "store-hours", NULL);
  VaNode *node = va_topic_find_node (topic, "n2", NULL);
  GtkWidget *list_view = va_test_find_widget (window, GTK_TYPE_LIST_VIEW, NULL);
  guint notified = fixture->n_notified;
  g_autoptr(VaProblem) problem = NULL;
  guint position = G_MAXUINT;

  g_assert_nonnull (list_view);
  va_history_set (fixture->history, node, "next", "n9", NULL);

  /* Debounced: nothing changes before the author pauses. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (va_problems_panel_get_n_problems (fixture->panel), ==, 1);
  g_assert_cmpuint (fixture->n_notified, ==, notified);

  wait_for_problems (fixture, 2);
  g_assert_cmpuint (fixture->n_notified, ==, notified + 1);
  g_assert_cmpuint (va_problems_panel_count_for_topic (fixture->panel, "store-hours"), ==, 1);
  g_assert_true (shows_text (window, "leads to node “n9”, which does not exist"));
  g_assert_true (shows_text (window, "Store hours › Message n2"));

  /* Problems come in topic order: Store hours before Escalate. */
  problem = g_list_model_get_item (va_problems_panel_get_problems (fixture->panel), 0);
  g_assert_cmpstr (va_problem_get_node_id (problem), ==, "n2");
  position = 0;

  va_test_save_screenshot (window, "problems-panel.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  va_test_wait_for_draw (window);
  va_test_save_screenshot (window, "problems-panel-dark.png");

  /* Activating the row (a click or Enter) tells where to go. */
  gtk_widget_activate_action (list_view, "list.activate-item", "u", position);
  g_assert_cmpuint (fixture->n_activated, ==, 1);
  g_assert_cmpstr (fixture->topic_id, ==, "store-hours");
  g_assert_cmpstr (fixture->node_id, ==, "n2");

  gtk_widget_activate_action (list_view, "list.activate-item", "u", 1);
  g_assert_cmpuint (fixture->n_activated, ==, 2);
  g_assert_cmpstr (fixture->topic_id, ==, "escalate");
  g_assert_cmpstr (fixture->node_id, ==, "n1");

  /* Undo is a change like any other. */
  va_history_undo (fixture->history);
  wait_for_problems (fixture, 1);
  g_assert_cmpuint (va_problems_panel_count_for_topic (fixture->panel, "store-hours"), ==, 0);
  g_assert_false (shows_text (window, "“n9”"));
}

static void
test_topic_problem (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *list_view = va_test_find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_LIST_VIEW,
                                              NULL);
  g_autoptr(VaTopic) topic = va_topic_new ();

  /* A new topic without phrases: a problem of the whole topic, without a node. */
  va_topic_set_id (topic, "lonely");
  va_topic_set_name (topic, "Lonely");
  va_history_append (fixture->history, va_bot_get_topics (fixture->bot), topic);
  wait_for_problems (fixture, 2);
  g_assert_true (shows_text (GTK_WIDGET (fixture->window), "“Lonely” has no trigger phrases"));

  /* The new topic comes after Escalate in the bot. */
  gtk_widget_activate_action (list_view, "list.activate-item", "u", 1);
  g_assert_cmpstr (fixture->topic_id, ==, "lonely");
  g_assert_null (fixture->node_id);

  /* Another bot: checked at once. */
  {
    g_autoptr(VaBot) other = va_bot_new ();

    va_problems_panel_set_bot (fixture->panel, other);
    g_assert_cmpuint (va_problems_panel_get_n_problems (fixture->panel), ==, 0);
  }
}

int
main (int    argc,
      char **argv)
{
  if (!va_test_ui_init (&argc, &argv))
    return 0;

  g_test_add ("/problems-panel/sample-bot", Fixture, NULL, fixture_set_up, test_sample_bot,
              fixture_tear_down);
  g_test_add ("/problems-panel/edit-and-activate", Fixture, NULL, fixture_set_up,
              test_edit_and_activate, fixture_tear_down);
  g_test_add ("/problems-panel/topic-problem", Fixture, NULL, fixture_set_up, test_topic_problem,
              fixture_tear_down);

  return g_test_run ();
}
