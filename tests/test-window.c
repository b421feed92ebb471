/* test-window.c: the first window under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "va-history.h"
#include "va-screenshot.h"
#include "va-template.h"
#include "va-topic.h"
#include "va-window-private.h"

static void
wait_for_draw (GtkWidget *widget)
{
  gtk_widget_queue_draw (widget);
  gtk_test_widget_wait_for_draw (widget);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
collect_labels (GtkWidget *widget,
                GPtrArray *labels)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget))
    g_ptr_array_add (labels, (gpointer) gtk_label_get_label (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_labels (child, labels);
}

static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_labels (widget, labels);
  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (g_ptr_array_index (labels, i), text) == 0)
      return TRUE;
  return FALSE;
}

static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  const char *dir = g_getenv ("VA_SCREENSHOT_DIR");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (dir == NULL)
    return;
  g_mkdir_with_parents (dir, 0755);
  path = g_build_filename (dir, name, NULL);
  g_assert_true (va_screenshot_save (widget, path, &error));
  g_assert_no_error (error);
  g_test_message ("screenshot: %s", path);
}

static VaWindow *
new_window (void)
{
  g_autoptr(VaBot) bot = va_template_new_bot ();
  VaWindow *window = g_object_new (VA_TYPE_WINDOW, "bot", bot, NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_draw (GTK_WIDGET (window));
  return window;
}

static void
test_sidebar_lists_topics (void)
{
  VaWindow *window = new_window ();
  GtkListView *custom = va_window_get_custom_list (window);
  GtkListView *system = va_window_get_system_list (window);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (custom))), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (system))), ==, 13);

  /* The rows really show the model's names. */
  g_assert_true (shows_label (GTK_WIDGET (custom), "Store hours"));
  g_assert_true (shows_label (GTK_WIDGET (custom), "Return a product"));
  g_assert_false (shows_label (GTK_WIDGET (custom), "Escalate"));
  g_assert_true (shows_label (GTK_WIDGET (system), "Escalate"));
  g_assert_true (shows_label (GTK_WIDGET (window), "Sample support bot"));

  save_screenshot (GTK_WIDGET (window), "window-start.png");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_select_topic (void)
{
  VaWindow *window = new_window ();
  GtkListView *custom = va_window_get_custom_list (window);
  GtkListView *system = va_window_get_system_list (window);

  VaTopicEditor *editor = va_window_get_topic_editor (window);

  /* The window opens on the first topic. */
  g_assert_cmpstr (va_topic_get_id (va_window_get_selected_topic (window)), ==, "store-hours");
  g_assert_cmpstr (va_topic_get_id (va_topic_editor_get_topic (editor)), ==, "store-hours");

  gtk_widget_activate_action (GTK_WIDGET (custom), "list.select-item", "(ubb)", 1, FALSE, FALSE);
  g_assert_cmpstr (va_topic_get_id (va_window_get_selected_topic (window)), ==, "order-status");
  wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpstr (va_topic_get_id (va_topic_editor_get_topic (editor)), ==, "order-status");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (editor)));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (va_window_get_topic_page (window))));

  /* Picking a system topic clears the custom list's selection. */
  gtk_widget_activate_action (GTK_WIDGET (system), "list.select-item", "(ubb)", 8, FALSE, FALSE);
  g_assert_cmpstr (va_topic_get_id (va_window_get_selected_topic (window)), ==, "escalate");
  g_assert_cmpstr (va_topic_get_id (va_topic_editor_get_topic (editor)), ==, "escalate");
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (gtk_list_view_get_model (custom))),
                    ==, GTK_INVALID_LIST_POSITION);
  wait_for_draw (GTK_WIDGET (window));
  save_screenshot (GTK_WIDGET (window), "window-escalate.png");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_sidebar_follows_model (void)
{
  VaWindow *window = new_window ();
  VaHistory *history = va_window_get_history (window);
  VaBot *bot = va_window_get_bot (window);
  GtkListView *custom = va_window_get_custom_list (window);
  g_autoptr(VaTopic) topic = va_topic_new ();
  g_autofree char *id = va_bot_make_topic_id (bot, "Opening a store");

  va_topic_set_id (topic, id);
  va_topic_set_name (topic, "Opening a store");
  va_history_append (history, va_bot_get_topics (bot), topic);
  wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (custom))), ==, 4);
  g_assert_true (shows_label (GTK_WIDGET (custom), "Opening a store"));
  g_assert_true (shows_label (GTK_WIDGET (window), "• Sample support bot"));

  va_history_set (history, topic, "name", "Renamed topic", NULL);
  wait_for_draw (GTK_WIDGET (window));
  g_assert_true (shows_label (GTK_WIDGET (custom), "Renamed topic"));

  va_history_undo (history);
  va_history_undo (history);
  wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (custom))), ==, 3);
  g_assert_false (shows_label (GTK_WIDGET (custom), "Opening a store"));
  g_assert_true (shows_label (GTK_WIDGET (window), "Sample support bot"));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/window/sidebar-lists-topics", test_sidebar_lists_topics);
  g_test_add_func ("/window/select-topic", test_select_topic);
  g_test_add_func ("/window/sidebar-follows-model", test_sidebar_follows_model);

  return g_test_run ();
}
