/* test-editor.c — the authoring round trip a new user makes, under Xvfb
 *
 * Open the app on the sample bot, pick a topic, add a question with three choices and a branch
 * per choice, connect a redirect and an escalate, undo all of it, redo all of it, save, reopen
 * and find the same graph. Everything goes through the real widgets: the canvas inserts and
 * connects, the inspector edits, the window saves.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <adwaita.h>
#include <glib/gstdio.h>

#include "va-canvas-private.h"
#include "va-choice.h"
#include "va-format.h"
#include "va-inspector-private.h"
#include "va-message-node.h"
#include "va-question-node.h"
#include "va-redirect-node.h"
#include "va-template.h"
#include "va-test-ui.h"
#include "va-window-private.h"

static void
collect_entry_rows (GtkWidget  *widget,
                    const char *title,
                    GPtrArray  *rows)
{
  if (ADW_IS_ENTRY_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    g_ptr_array_add (rows, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_entry_rows (child, title, rows);
}

static VaCanvasCard *
card (VaCanvas *canvas,
      VaNode   *node)
{
  VaCanvasCard *found;

  va_canvas_update_geometry (canvas);
  found = va_canvas_card_for_node (canvas, node);
  g_assert_nonnull (found);
  return found;
}

static const char *
port_target (VaNode *node,
             guint   index)
{
  g_autoptr(GPtrArray) ports = va_node_list_ports (node);

  g_assert_cmpuint (index, <, ports->len);
  return va_port_get_target (g_ptr_array_index (ports, index));
}

static void
set_message_text (VaInspector *inspector,
                  VaNode      *node,
                  const char  *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (inspector->message_text);

  g_assert_true (va_inspector_get_node (inspector) == node);
  gtk_text_buffer_set_text (buffer, text, -1);
  g_assert_cmpstr (va_message_node_get_text (VA_MESSAGE_NODE (node)), ==, text);
}

static void
test_round_trip (void)
{
  g_autoptr(VaBot) bot = va_template_new_bot ();
  VaWindow *window = g_object_new (VA_TYPE_WINDOW, "bot", bot, NULL);
  VaHistory *history = va_window_get_history (window);
  VaTopicEditor *editor = va_window_get_topic_editor (window);
  VaCanvas *canvas = va_topic_editor_get_canvas (editor);
  VaInspector *inspector = va_topic_editor_get_inspector (editor);
  VaTopic *topic;
  VaNode *downtown, *question, *branch[3], *redirect, *escalate;
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *dir = g_dir_make_tmp ("va-editor-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "edited.vabot", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  const char *names[3] = { "Small", "Medium", "Large" };
  guint n_nodes;

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  va_test_wait_for_draw (GTK_WIDGET (window));

  /* The app opens on a sample topic with its graph. */
  topic = va_window_get_selected_topic (window);
  g_assert_cmpstr (va_topic_get_id (topic), ==, "store-hours");
  g_assert_true (va_canvas_get_topic (canvas) == topic);
  before = va_format_save_data (bot, NULL);
  n_nodes = g_list_model_get_n_items (va_topic_get_nodes (topic));
  downtown = va_topic_find_node (topic, "n2", NULL);

  /* A question after the Downtown message, through the canvas. */
  question = va_canvas_insert (canvas, card (canvas, downtown), 0, VA_NODE_KIND_QUESTION);
  g_assert_nonnull (question);
  g_assert_cmpstr (va_node_get_next (downtown), ==, va_node_get_id (question));
  g_assert_cmpstr (va_node_get_next (question), ==, "n5");
  va_canvas_select_node (canvas, question);
  g_assert_true (va_inspector_get_node (inspector) == question);

  /* Its prompt and three choices, through the inspector. */
  gtk_editable_set_text (GTK_EDITABLE (inspector->question_prompt), "Which size would you like?");
  g_assert_cmpstr (va_question_node_get_prompt (VA_QUESTION_NODE (question)), ==,
                   "Which size would you like?");
  for (guint i = 0; i < 3; i++)
    va_test_click (inspector->question_add_option);
  g_assert_cmpuint (g_list_model_get_n_items (va_question_node_get_options (VA_QUESTION_NODE (question))), ==, 3);
  collect_entry_rows (GTK_WIDGET (inspector->question_options), "Label", labels);
  g_assert_cmpuint (labels->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(VaChoice) choice = g_list_model_get_item (va_question_node_get_options (VA_QUESTION_NODE (question)), i);

      gtk_editable_set_text (GTK_EDITABLE (g_ptr_array_index (labels, i)), names[i]);
      g_assert_cmpstr (va_choice_get_label (choice), ==, names[i]);
    }
  va_history_seal (history);

  /* A branch per choice: a message on each choice's port. */
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *text = g_strdup_printf ("A %s one, coming up.", names[i]);

      branch[i] = va_canvas_insert (canvas, card (canvas, question), i, VA_NODE_KIND_MESSAGE);
      g_assert_nonnull (branch[i]);
      g_assert_cmpstr (port_target (question, i), ==, va_node_get_id (branch[i]));
      va_canvas_select_node (canvas, branch[i]);
      set_message_text (inspector, branch[i], text);
      va_history_seal (history);
    }

  /* A redirect after the first branch, pointed at a topic in the inspector; an escalate after
   * the second; the third branch connected to the redirect by dragging its port. */
  redirect = va_canvas_insert (canvas, card (canvas, branch[0]), 0, VA_NODE_KIND_REDIRECT);
  va_canvas_select_node (canvas, redirect);
  {
    GListModel *model = adw_combo_row_get_model (inspector->redirect_topic);
    guint order_status = GTK_INVALID_LIST_POSITION;

    for (guint i = 0; i < g_list_model_get_n_items (model); i++)
      if (g_strcmp0 (va_inspector_get_id_at (GTK_WIDGET (inspector->redirect_topic), i), "order-status") == 0)
        order_status = i;
    g_assert_cmpuint (order_status, !=, GTK_INVALID_LIST_POSITION);
    adw_combo_row_set_selected (inspector->redirect_topic, order_status);
  }
  g_assert_cmpstr (va_redirect_node_get_topic (VA_REDIRECT_NODE (redirect)), ==, "order-status");
  escalate = va_canvas_insert (canvas, card (canvas, branch[1]), 0, VA_NODE_KIND_ESCALATE);
  g_assert_true (va_canvas_connect (canvas, card (canvas, branch[2]), 0, card (canvas, redirect)));
  g_assert_cmpstr (va_node_get_next (branch[0]), ==, va_node_get_id (redirect));
  g_assert_cmpstr (va_node_get_next (branch[1]), ==, va_node_get_id (escalate));
  g_assert_cmpstr (va_node_get_next (branch[2]), ==, va_node_get_id (redirect));
  g_assert_cmpuint (g_list_model_get_n_items (va_topic_get_nodes (topic)), ==, n_nodes + 6);

  gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.zoom-fit", NULL);
  /* The zoom shows at the next frame. */
  va_test_save_screenshot_full (GTK_WIDGET (window), "editor-round-trip.png", 1);
  after = va_format_save_data (bot, NULL);

  /* Undo all of it: the bot is as it was, to the byte. */
  while (va_history_can_undo (history))
    gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  {
    g_autofree char *undone = va_format_save_data (bot, NULL);

    g_assert_cmpstr (undone, ==, before);
  }
  g_assert_cmpuint (g_list_model_get_n_items (va_topic_get_nodes (topic)), ==, n_nodes);

  /* Redo all of it. */
  while (va_history_can_redo (history))
    gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL);
  {
    g_autofree char *redone = va_format_save_data (bot, NULL);

    g_assert_cmpstr (redone, ==, after);
  }

  /* Save, reopen, the same graph. */
  va_window_set_file (window, file);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  g_assert_false (va_history_get_modified (history));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(VaBot) reopened = va_format_load_file (file, NULL, &error);
    g_autofree char *data = NULL;
    VaWindow *second;
    VaTopic *same;

    g_assert_no_error (error);
    data = va_format_save_data (reopened, NULL);
    g_assert_cmpstr (data, ==, after);

    second = g_object_new (VA_TYPE_WINDOW, "bot", reopened, "file", file, NULL);
    gtk_window_set_default_size (GTK_WINDOW (second), 1400, 900);
    gtk_window_present (GTK_WINDOW (second));
    va_test_wait_for_draw (GTK_WIDGET (second));
    same = va_window_get_selected_topic (second);
    g_assert_cmpstr (va_topic_get_id (same), ==, "store-hours");
    g_assert_cmpuint (g_list_model_get_n_items (va_topic_get_nodes (same)), ==, n_nodes + 6);
    gtk_widget_activate_action (GTK_WIDGET (va_topic_editor_get_canvas (va_window_get_topic_editor (second))),
                                "canvas.zoom-fit", NULL);
    va_test_save_screenshot_full (GTK_WIDGET (second), "editor-reopened.png", 1);
    gtk_window_destroy (GTK_WINDOW (second));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  {
    g_autofree char *backup = g_strconcat (path, "~", NULL);

    g_unlink (path);
    g_unlink (backup);
    g_rmdir (dir);
  }
}

int
main (int   argc,
      char *argv[])
{
  if (!va_test_ui_init (&argc, &argv))
    return 0;
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/editor/round-trip", test_round_trip);

  return g_test_run ();
}
