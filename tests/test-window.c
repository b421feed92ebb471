/* test-window.c: the first window under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include <glib/gstdio.h>

#include "va-bot-settings.h"
#include "va-format.h"
#include "va-message-node.h"
#include "va-history.h"
#include "va-template.h"
#include "va-test-ui.h"
#include "va-topic.h"
#include "va-window-private.h"

static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  g_autoptr(GPtrArray) labels = va_test_shown_labels (widget);

  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (g_ptr_array_index (labels, i), text) == 0)
      return TRUE;
  return FALSE;
}

static VaWindow *
new_window (void)
{
  g_autoptr(VaBot) bot = va_template_new_bot ();
  VaWindow *window = g_object_new (VA_TYPE_WINDOW, "bot", bot, NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  va_test_wait_for_draw (GTK_WIDGET (window));
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

  va_test_save_screenshot (GTK_WIDGET (window), "window-start.png");
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
  va_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpstr (va_topic_get_id (va_topic_editor_get_topic (editor)), ==, "order-status");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (editor)));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (va_window_get_topic_page (window))));

  /* Picking a system topic clears the custom list's selection. */
  gtk_widget_activate_action (GTK_WIDGET (system), "list.select-item", "(ubb)", 8, FALSE, FALSE);
  g_assert_cmpstr (va_topic_get_id (va_window_get_selected_topic (window)), ==, "escalate");
  g_assert_cmpstr (va_topic_get_id (va_topic_editor_get_topic (editor)), ==, "escalate");
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (gtk_list_view_get_model (custom))),
                    ==, GTK_INVALID_LIST_POSITION);
  va_test_wait_for_draw (GTK_WIDGET (window));
  va_test_save_screenshot (GTK_WIDGET (window), "window-escalate.png");
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
  va_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (custom))), ==, 4);
  g_assert_true (shows_label (GTK_WIDGET (custom), "Opening a store"));
  g_assert_true (shows_label (GTK_WIDGET (window), "• Sample support bot"));

  va_history_set (history, topic, "name", "Renamed topic", NULL);
  va_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (shows_label (GTK_WIDGET (custom), "Renamed topic"));

  va_history_undo (history);
  va_history_undo (history);
  va_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (custom))), ==, 3);
  g_assert_false (shows_label (GTK_WIDGET (custom), "Opening a store"));
  g_assert_true (shows_label (GTK_WIDGET (window), "Sample support bot"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_topic_commands (void)
{
  VaWindow *window = new_window ();
  VaBot *bot = va_window_get_bot (window);
  VaHistory *history = va_window_get_history (window);
  GListModel *topics = va_bot_get_topics (bot);
  guint n = g_list_model_get_n_items (topics);
  VaTopic *topic;

  /* New topic: one undoable step, selected, with a message node to start from. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-topic", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (topics), ==, n + 1);
  topic = va_window_get_selected_topic (window);
  g_assert_cmpstr (va_topic_get_name (topic), ==, "New topic");
  g_assert_cmpstr (va_topic_get_start (topic), ==, "n1");
  g_assert_nonnull (va_topic_find_node (topic, "n1", NULL));
  va_history_undo (history);
  g_assert_cmpuint (g_list_model_get_n_items (topics), ==, n);

  /* Duplicate: a deep copy with its own id, right after the original. */
  gtk_widget_activate_action (GTK_WIDGET (va_window_get_custom_list (window)), "list.select-item",
                              "(ubb)", 1, FALSE, FALSE);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.duplicate-topic", NULL);
  topic = va_window_get_selected_topic (window);
  g_assert_cmpstr (va_topic_get_name (topic), ==, "Order status (copy)");
  g_assert_cmpstr (va_topic_get_id (topic), !=, "order-status");
  g_assert_cmpuint (g_list_model_get_n_items (va_topic_get_nodes (topic)), ==,
                    g_list_model_get_n_items (va_topic_get_nodes (va_bot_find_topic (bot, "order-status", NULL))));
  g_assert_true (va_topic_find_node (topic, "n1", NULL) !=
                 va_topic_find_node (va_bot_find_topic (bot, "order-status", NULL), "n1", NULL));

  /* Delete it; undo brings it back. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-topic", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (topics), ==, n);
  va_history_undo (history);
  g_assert_cmpuint (g_list_model_get_n_items (topics), ==, n + 1);

  /* System topics cannot be deleted. */
  va_window_select_topic (window, va_bot_find_topic (bot, "escalate", NULL));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-topic", NULL);
  g_assert_nonnull (va_bot_find_topic (bot, "escalate", NULL));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_search (void)
{
  VaWindow *window = new_window ();
  GtkListView *custom = va_window_get_custom_list (window);
  GtkListView *system = va_window_get_system_list (window);
  GtkWidget *search = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), VA_TYPE_WINDOW,
                                                                 "search_entry"));

  gtk_editable_set_text (GTK_EDITABLE (search), "ORDER");
  g_signal_emit_by_name (search, "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (custom))), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (system))), ==, 0);
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  g_signal_emit_by_name (search, "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (custom))), ==, 3);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_enable_switch (void)
{
  VaWindow *window = new_window ();
  VaTopic *topic = va_bot_find_topic (va_window_get_bot (window), "store-hours", NULL);
  GtkWidget *toggle = va_test_find_widget (GTK_WIDGET (va_window_get_custom_list (window)),
                                           GTK_TYPE_SWITCH, NULL);

  g_assert_nonnull (toggle);
  g_assert_true (va_topic_get_enabled (topic));
  gtk_switch_set_active (GTK_SWITCH (toggle), FALSE);
  g_assert_false (va_topic_get_enabled (topic));
  va_history_undo (va_window_get_history (window));
  g_assert_true (va_topic_get_enabled (topic));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)));
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
has_warnings (gpointer data)
{
  return va_topic_editor_get_n_phrase_warnings (data) > 0;
}

static void
test_phrases (void)
{
  VaWindow *window = new_window ();
  VaTopicEditor *editor = va_window_get_topic_editor (window);
  VaTopic *topic = va_topic_editor_get_topic (editor);
  GtkWidget *add = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (editor), VA_TYPE_TOPIC_EDITOR,
                                                              "add_phrase_entry"));
  guint n = g_strv_length ((char **) va_topic_get_trigger_phrases (topic));

  /* A paste of three lines adds three phrases in one step; a phrase of another topic warns. */
  gtk_editable_set_text (GTK_EDITABLE (add), "is the mall store open late\nwhere is my order\n\n store hours ");
  g_assert_cmpuint (g_strv_length ((char **) va_topic_get_trigger_phrases (topic)), ==, n + 2);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (add)), ==, "");
  va_test_wait_until (has_warnings, editor, 5);
  g_assert_cmpuint (va_topic_editor_get_n_phrase_warnings (editor), >=, 1);
  va_test_wait_for_draw (GTK_WIDGET (window));
  va_test_save_screenshot (GTK_WIDGET (window), "window-phrases.png");

  va_history_undo (va_window_get_history (window));
  g_assert_cmpuint (g_strv_length ((char **) va_topic_get_trigger_phrases (topic)), ==, n);

  /* Renaming through the name entry is one undoable step however many keys were typed. */
  {
    GtkWidget *name = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (editor), VA_TYPE_TOPIC_EDITOR,
                                                                 "name_entry"));

    gtk_editable_set_text (GTK_EDITABLE (name), "Store");
    gtk_editable_set_text (GTK_EDITABLE (name), "Store opening");
    g_assert_cmpstr (va_topic_get_name (topic), ==, "Store opening");
    g_assert_true (shows_label (GTK_WIDGET (va_window_get_custom_list (window)), "Store opening"));
    va_history_seal (va_window_get_history (window));
    va_history_undo (va_window_get_history (window));
    g_assert_cmpstr (va_topic_get_name (topic), ==, "Store hours");
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, "Store hours");
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_save_and_close (void)
{
  VaWindow *window = new_window ();
  g_autofree char *dir = g_dir_make_tmp ("va-window-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bot.vabot", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(VaBot) loaded = NULL;
  g_autoptr(GError) error = NULL;
  VaTopic *topic = va_bot_find_topic (va_window_get_bot (window), "store-hours", NULL);

  va_window_set_file (window, file);
  va_history_set (va_window_get_history (window), topic, "name", "Opening hours", NULL);
  g_assert_true (shows_label (GTK_WIDGET (window), "• Sample support bot"));

  /* Closing with changes asks first and keeps the window. */
  g_assert_false (va_window_confirm_close (window));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  g_assert_false (va_history_get_modified (va_window_get_history (window)));
  g_assert_true (shows_label (GTK_WIDGET (window), "Sample support bot"));
  g_assert_true (shows_label (GTK_WIDGET (window), "bot.vabot"));
  loaded = va_format_load_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (va_topic_get_name (va_bot_find_topic (loaded, "store-hours", NULL)), ==, "Opening hours");

  /* Saved: closing needs no question. */
  g_assert_true (va_window_confirm_close (window));
  gtk_window_destroy (GTK_WINDOW (window));
  {
    g_autofree char *backup = g_strconcat (path, "~", NULL);

    g_unlink (path);
    g_unlink (backup);
    g_rmdir (dir);
  }
}

static void
test_bot_settings (void)
{
  VaWindow *window = new_window ();
  VaBot *bot = va_window_get_bot (window);
  VaHistory *history = va_window_get_history (window);
  VaTopic *escalate = va_bot_find_topic (bot, "escalate", NULL);
  VaMessageNode *message = VA_MESSAGE_NODE (va_topic_find_node (escalate, "n1", NULL));
  VaBotSettings *settings = va_bot_settings_new (GTK_WINDOW (window), bot, history);
  GtkWidget *hub = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (settings), VA_TYPE_BOT_SETTINGS,
                                                              "hub_link_row"));
  GtkWidget *problem = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (settings), VA_TYPE_BOT_SETTINGS,
                                                                  "link_problem"));
  GtkWidget *spin = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (settings), VA_TYPE_BOT_SETTINGS,
                                                               "escalate_spin"));

  gtk_window_present (GTK_WINDOW (settings));
  g_assert_nonnull (strstr (va_message_node_get_text (message), "[link]"));

  /* A link with another scheme is refused, in words. */
  gtk_editable_set_text (GTK_EDITABLE (hub), "javascript:alert(1)");
  g_signal_emit_by_name (hub, "apply");
  g_assert_cmpstr (va_bot_get_hub_link (bot) != NULL ? va_bot_get_hub_link (bot) : "", ==, "");
  g_assert_true (gtk_widget_get_visible (problem));

  /* Applying a link sets it and puts it in the Escalate message: one undo step. */
  gtk_editable_set_text (GTK_EDITABLE (hub), "https://hub.example.com/chat");
  g_assert_false (gtk_widget_get_visible (problem));
  g_signal_emit_by_name (hub, "apply");
  g_assert_cmpstr (va_bot_get_hub_link (bot), ==, "https://hub.example.com/chat");
  g_assert_false (va_bot_get_test_hub (bot));
  g_assert_null (strstr (va_message_node_get_text (message), "[link]"));
  g_assert_nonnull (strstr (va_message_node_get_text (message), "here: https://hub.example.com/chat"));
  va_test_wait_for_draw (GTK_WIDGET (settings));
  va_test_save_screenshot (GTK_WIDGET (settings), "bot-settings.png");

  /* A second link takes the first one's place. */
  gtk_editable_set_text (GTK_EDITABLE (hub), "https://hub.example.org/c");
  g_signal_emit_by_name (hub, "apply");
  g_assert_nonnull (strstr (va_message_node_get_text (message), "here: https://hub.example.org/c"));
  va_history_undo (history);
  g_assert_nonnull (strstr (va_message_node_get_text (message), "here: https://hub.example.com/chat"));
  va_history_undo (history);
  g_assert_nonnull (strstr (va_message_node_get_text (message), "[link]"));
  g_assert_cmpstr (va_bot_get_hub_link (bot) != NULL ? va_bot_get_hub_link (bot) : "", ==, "");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (hub)), ==, "");

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 5);
  g_assert_cmpint (va_bot_get_escalate_after (bot), ==, 5);

  gtk_window_destroy (GTK_WINDOW (settings));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_chat_follows (void)
{
  VaWindow *window = new_window ();
  VaTestChat *chat = va_window_get_test_chat (window);
  VaTopicEditor *editor = va_window_get_topic_editor (window);
  VaCanvas *canvas = va_topic_editor_get_canvas (editor);

  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (chat)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-chat", NULL);
  va_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_nonnull (va_test_chat_get_conversation (chat));
  g_assert_true (va_test_chat_get_track (chat));

  /* The editor follows the conversation: the topic it starts, the node it is at. */
  va_test_chat_send (chat, "where is my order");
  g_assert_cmpstr (va_topic_get_id (va_topic_editor_get_topic (editor)), ==, "order-status");
  g_assert_cmpstr (va_window_get_selected_topic (window) != NULL
                   ? va_topic_get_id (va_window_get_selected_topic (window)) : NULL, ==, "order-status");
  g_assert_cmpstr (va_canvas_get_highlighted_node (canvas), ==, "n1");
  va_test_chat_send (chat, "12345");
  g_assert_cmpstr (va_topic_get_id (va_topic_editor_get_topic (editor)), ==, "end-of-conversation");
  va_test_wait_for_draw (GTK_WIDGET (window));
  va_test_save_screenshot (GTK_WIDGET (window), "window-chat.png");

  /* Closing the chat turns the highlight off. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-chat", NULL);
  g_assert_null (va_canvas_get_highlighted_node (canvas));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  if (!va_test_ui_init (&argc, &argv))
    return 0;
  /* Screenshots show the end of a transition, not its middle. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/window/sidebar-lists-topics", test_sidebar_lists_topics);
  g_test_add_func ("/window/select-topic", test_select_topic);
  g_test_add_func ("/window/sidebar-follows-model", test_sidebar_follows_model);
  g_test_add_func ("/window/topic-commands", test_topic_commands);
  g_test_add_func ("/window/search", test_search);
  g_test_add_func ("/window/enable-switch", test_enable_switch);
  g_test_add_func ("/window/phrases", test_phrases);
  g_test_add_func ("/window/save-and-close", test_save_and_close);
  g_test_add_func ("/window/bot-settings", test_bot_settings);
  g_test_add_func ("/window/chat-follows", test_chat_follows);

  return g_test_run ();
}
