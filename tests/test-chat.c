/* test-chat.c — the test chat panel and the link opener, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <adwaita.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "va-http.h"
#include "va-message-node.h"
#include "va-script.h"
#include "va-template.h"
#include "va-test-chat-private.h"
#include "va-test-ui.h"
#include "va-topic.h"
#include "va-uri-opener.h"

/* {{{ Helpers */

/* What the chat waits for comes within 10 s. */
#define wait_until(done, data) va_test_wait_until (done, data, 10)

static gboolean
model_ready (gpointer data)
{
  VaConversation *conversation = va_test_chat_get_conversation (data);

  return va_recognizer_get_model_ready (va_conversation_get_recognizer (conversation));
}

/* A layout can scroll the chat to its end, which shows one frame later. */
static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  va_test_save_screenshot_full (widget, name, 2);
}

static void
set_dark (gboolean dark)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                           : ADW_COLOR_SCHEME_DEFAULT);
}

typedef struct
{
  GtkWindow  *window;
  VaTestChat *chat;
  VaBot      *bot;
} Fixture;

static void
fixture_init (Fixture *f,
              VaBot   *bot)
{
  f->bot = bot != NULL ? g_object_ref (bot) : va_template_new_bot ();
  /* These tests are about the bot's own engagement hub; test-handoff covers the built-in one. */
  va_bot_set_test_hub (f->bot, FALSE);
  f->window = GTK_WINDOW (gtk_window_new ());
  f->chat = VA_TEST_CHAT (va_test_chat_new (f->bot));
  gtk_window_set_default_size (f->window, 420, 800);
  gtk_window_set_child (f->window, GTK_WIDGET (f->chat));
  gtk_window_present (f->window);
  va_test_wait_for_draw (GTK_WIDGET (f->window));
  /* The trained model, so that the chat and a replay recognize alike. */
  wait_until (model_ready, f->chat);
}

static gboolean
pointer_cleared (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static void
fixture_clear (Fixture *f)
{
  gpointer chat = f->chat;
  gpointer conversation = va_test_chat_get_conversation (f->chat);

  g_object_add_weak_pointer (chat, &chat);
  g_object_add_weak_pointer (conversation, &conversation);
  gtk_window_destroy (f->window);
  /* Nothing keeps the panel or its conversation alive. */
  wait_until (pointer_cleared, &chat);
  wait_until (pointer_cleared, &conversation);
  g_clear_object (&f->bot);
}

static void
type_and_send (Fixture    *f,
               const char *text)
{
  GtkEntry *entry = va_test_chat_get_entry (f->chat);

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
}

/* The last label under @root whose text is @text (the newest row of the chat). */
static GtkLabel *
find_label (gpointer    root,
            const char *text)
{
  g_autoptr(GPtrArray) labels = va_test_collect_widgets (GTK_WIDGET (root), GTK_TYPE_LABEL);

  for (guint i = labels->len; i > 0; i--)
    if (g_strcmp0 (gtk_label_get_text (g_ptr_array_index (labels, i - 1)), text) == 0)
      return g_ptr_array_index (labels, i - 1);
  return NULL;
}

static GtkLabel *
find_label_prefix (gpointer    root,
                   const char *prefix)
{
  g_autoptr(GPtrArray) labels = va_test_collect_widgets (GTK_WIDGET (root), GTK_TYPE_LABEL);

  for (guint i = labels->len; i > 0; i--)
    if (g_str_has_prefix (gtk_label_get_text (g_ptr_array_index (labels, i - 1)), prefix))
      return g_ptr_array_index (labels, i - 1);
  return NULL;
}

/* The last button under @root labelled @text, mnemonic underscores aside. */
static GtkButton *
find_button (gpointer    root,
             const char *text)
{
  g_autoptr(GPtrArray) buttons = va_test_collect_widgets (GTK_WIDGET (root), GTK_TYPE_BUTTON);

  for (guint i = buttons->len; i > 0; i--)
    {
      const char *label = gtk_button_get_label (g_ptr_array_index (buttons, i - 1));
      g_autoptr(GString) plain = g_string_new (label);

      g_string_replace (plain, "_", "", 0);
      if (label != NULL && g_str_equal (plain->str, text))
        return g_ptr_array_index (buttons, i - 1);
    }
  return NULL;
}

static guint
count_rows (GtkListBox *list)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

static GtkWidget *
find_row_with_label (GtkListBox *list,
                     const char *text)
{
  GtkLabel *label = find_label (list, text);

  return label != NULL ? gtk_widget_get_ancestor (GTK_WIDGET (label), GTK_TYPE_LIST_BOX_ROW) : NULL;
}

typedef struct
{
  GPtrArray *nodes;
  guint      settings;
} Signals;

static void
on_node_reached (VaTestChat *chat,
                 const char *topic_id,
                 const char *node_id,
                 Signals    *signals)
{
  g_ptr_array_add (signals->nodes, g_strdup_printf ("%s/%s", topic_id, node_id));
}

static void
on_open_settings (VaTestChat *chat,
                  Signals    *signals)
{
  signals->settings++;
}

/* }}} */
/* {{{ The conversation */

static void
test_greeting (void)
{
  Fixture f = { 0 };
  GtkListBox *messages;
  GtkWidget *row;
  g_autofree char *transcript = NULL;

  fixture_init (&f, NULL);
  messages = va_test_chat_get_message_list (f.chat);
  g_assert_nonnull (find_label_prefix (messages,
                                       "Hello, I'm Sample support bot, a virtual assistant."));
  /* The bot's name heads its group of messages. */
  g_assert_nonnull (find_label (messages, "Sample support bot"));
  row = find_row_with_label (messages, "Conversation start");
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_has_css_class (row, "notice-row"));
  /* Typing is what the panel is for. */
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f.window)),
                                         GTK_WIDGET (va_test_chat_get_entry (f.chat))));
  transcript = va_test_chat_get_transcript (f.chat);
  g_assert_nonnull (transcript);
  fixture_clear (&f);
}

static gboolean
written (gpointer path)
{
  g_autofree char *contents = NULL;

  return g_file_get_contents (path, &contents, NULL, NULL) && contents[0] != '\0';
}

static gboolean
toast_shown (gpointer chat)
{
  return find_label (chat, "Saved the test as “order.chat”") != NULL;
}

static void
test_order_flow (void)
{
  Fixture f = { 0 };
  GtkListBox *messages, *ranks, *variables;
  GtkWidget *first;
  GtkLabel *label;
  GtkButton *yes, *no;
  GtkWidget *row;
  g_autofree char *transcript = NULL;
  g_autoptr(VaScript) script = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) report = g_string_new (NULL);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *saved = NULL;

  fixture_init (&f, NULL);
  messages = va_test_chat_get_message_list (f.chat);
  ranks = va_test_chat_get_recognition_list (f.chat);
  variables = va_test_chat_get_variables_list (f.chat);

  type_and_send (&f, "where is my order");
  label = find_label (messages, "where is my order");
  g_assert_nonnull (label);
  g_assert_true (gtk_widget_has_css_class (gtk_widget_get_parent (GTK_WIDGET (label)), "user"));
  g_assert_nonnull (find_label (messages, "What is your order number?"));
  row = find_row_with_label (messages, "Order status");
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_has_css_class (row, "notice-row"));

  /* Recognition: the ranked topics, best first, and the decision. */
  g_assert_cmpuint (count_rows (ranks), >=, 2);
  first = gtk_widget_get_first_child (GTK_WIDGET (ranks));
  g_assert_cmpstr (gtk_label_get_text (g_object_get_data (G_OBJECT (first), "name")), ==,
                   "Order status");
  g_assert_nonnull (find_label_prefix (ranks, "Closest phrase: “"));
  g_assert_cmpstr (gtk_label_get_text (va_test_chat_get_recognition_decision (f.chat)), ==,
                   "Match: starts “Order status”.");
  gtk_toggle_button_set_active (va_test_chat_get_details_button (f.chat), TRUE);
  save_screenshot (GTK_WIDGET (f.window), "test-chat-recognition.png");
  gtk_toggle_button_set_active (va_test_chat_get_details_button (f.chat), FALSE);

  type_and_send (&f, "12345");
  g_assert_nonnull (find_label (messages, "Order 12345 is on its way and should arrive within 3 "
                                          "business days."));
  g_assert_nonnull (find_label (messages, "Did that answer your question?"));
  /* An answer to a question is not recognized. */
  g_assert_cmpuint (count_rows (ranks), ==, 0);

  /* The variables, live. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (variables)));
  row = find_row_with_label (variables, "OrderNumber");
  g_assert_nonnull (row);
  g_assert_cmpstr (gtk_label_get_text (g_object_get_data (G_OBJECT (row), "value")), ==, "12345");

  save_screenshot (GTK_WIDGET (f.window), "test-chat-light.png");
  set_dark (TRUE);
  save_screenshot (GTK_WIDGET (f.window), "test-chat-dark.png");
  gtk_toggle_button_set_active (va_test_chat_get_details_button (f.chat), TRUE);
  save_screenshot (GTK_WIDGET (f.window), "test-chat-details-dark.png");
  set_dark (FALSE);
  gtk_toggle_button_set_active (va_test_chat_get_details_button (f.chat), FALSE);

  /* The question's choices as buttons; clicking one answers it. */
  yes = find_button (messages, "Yes");
  no = find_button (messages, "No");
  g_assert_nonnull (yes);
  g_assert_nonnull (no);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (yes)));
  va_test_click (yes);
  g_assert_nonnull (find_label (messages, "Great! Glad I could help."));
  g_assert_nonnull (find_label (messages, "How would you rate this conversation from 1 to 5?"));
  label = find_label (messages, "Yes");
  g_assert_true (gtk_widget_has_css_class (gtk_widget_get_parent (GTK_WIDGET (label)), "user"));
  /* Old answers can't be given any more. */
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (yes)));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (no)));

  type_and_send (&f, "5");
  g_assert_nonnull (find_label (messages, "Thank you for your feedback."));
  g_assert_nonnull (find_label (messages, "The conversation ended: resolved."));

  /* Save as Test: a script that replays. */
  transcript = va_test_chat_get_transcript (f.chat);
  g_assert_nonnull (strstr (transcript, "user: where is my order"));
  script = va_script_parse (transcript, -1, "chat.chat", &error);
  g_assert_no_error (error);
  g_assert_nonnull (script);
  if (!va_script_run (script, f.bot, NULL, report))
    g_error ("The transcript does not replay:\n%s\n%s", transcript, report->str);

  dir = g_dir_make_tmp ("va-test-chat-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "order.chat", NULL);
  file = g_file_new_for_path (path);
  va_test_chat_save_transcript_to (f.chat, file);
  wait_until (written, path);
  wait_until (toast_shown, f.chat);
  g_assert_true (g_file_get_contents (path, &saved, NULL, &error));
  g_assert_cmpstr (saved, ==, transcript);
  g_unlink (path);
  g_rmdir (dir);

  fixture_clear (&f);
}

/* A shortcut of the widget's own, so it only works with the focus inside. */
static gboolean
has_shortcut (GtkWidget  *widget,
              const char *trigger,
              const char *action)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autofree char *wanted = g_strdup_printf ("action(%s)", action);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller) ||
          gtk_shortcut_controller_get_scope (GTK_SHORTCUT_CONTROLLER (controller)) !=
          GTK_SHORTCUT_SCOPE_LOCAL)
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *t = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
          g_autofree char *a = gtk_shortcut_action_to_string (gtk_shortcut_get_action (shortcut));

          if (g_str_equal (t, trigger) && g_str_equal (a, wanted))
            return TRUE;
        }
    }
  return FALSE;
}

static void
test_placeholder_handoff (void)
{
  Fixture f = { 0 };
  Signals signals = { g_ptr_array_new_with_free_func (g_free), 0 };
  GtkListBox *messages;
  GtkButton *settings;

  fixture_init (&f, NULL);
  messages = va_test_chat_get_message_list (f.chat);
  g_signal_connect (f.chat, "open-settings", G_CALLBACK (on_open_settings), &signals);

  type_and_send (&f, "talk to a person");
  g_assert_nonnull (find_label (messages, "Handed off to a live agent"));
  g_assert_nonnull (find_label (messages, "The engagement hub link is not set: the Escalate topic "
                                          "still says [link]."));
  settings = find_button (messages, "Bot Settings");
  g_assert_nonnull (settings);
  g_assert_null (find_button (messages, "Open Chat Canvas"));
  va_test_click (settings);
  g_assert_cmpuint (signals.settings, ==, 1);
  g_assert_cmpstr (gtk_entry_get_placeholder_text (va_test_chat_get_entry (f.chat)), ==,
                   "Message the live agent");

  /* The human agent answers; then gives the conversation back. */
  va_conversation_agent_message (va_test_chat_get_conversation (f.chat), "Hi, I'm <i>Sam</i>.");
  g_assert_nonnull (find_label (messages, "Agent"));
  g_assert_true (gtk_widget_has_css_class (gtk_widget_get_parent (GTK_WIDGET (
                   find_label (messages, "Hi, I'm <i>Sam</i>."))), "agent"));
  va_conversation_handoff_status (va_test_chat_get_conversation (f.chat), "completed", NULL);
  g_assert_nonnull (find_label (messages, "The agent completed the conversation: it goes back to "
                                          "the bot."));
  save_screenshot (GTK_WIDGET (f.window), "test-chat-placeholder.png");

  set_dark (TRUE);
  save_screenshot (GTK_WIDGET (f.window), "test-chat-placeholder-dark.png");
  set_dark (FALSE);

  /* Restart clears the chat and greets again; Ctrl+R does it while the focus is in the panel. */
  g_assert_true (has_shortcut (GTK_WIDGET (f.chat), "<Control>r", "chat.restart"));
  gtk_widget_activate_action (GTK_WIDGET (f.chat), "chat.restart", NULL);
  g_assert_null (find_label (messages, "Handed off to a live agent"));
  g_assert_nonnull (find_label_prefix (messages, "Hello, I'm Sample support bot"));

  g_ptr_array_unref (signals.nodes);
  fixture_clear (&f);
}

static gboolean
dialog_shown (gpointer data)
{
  return va_test_find_message_dialog () != NULL;
}

static gboolean
dialog_gone (gpointer data)
{
  return va_test_find_message_dialog () == NULL;
}

static void
test_hub_link (void)
{
  Fixture f = { 0 };
  GtkListBox *messages;
  GtkButton *open;
  GtkWindow *dialog;
  GtkLabel *link;
  guint n_rows;

  fixture_init (&f, NULL);
  messages = va_test_chat_get_message_list (f.chat);
  va_bot_set_hub_link (f.bot, "https://hub.example.com/c");
  va_test_chat_restart (f.chat);
  wait_until (model_ready, f.chat);
  va_uri_opener_forget_all ();
  type_and_send (&f, "talk to a person");

  g_assert_nonnull (find_label (messages, "Handed off to a live agent"));
  link = find_label (messages, "https://hub.example.com/c");
  g_assert_nonnull (link);
  /* A link, made by us from escaped text. */
  g_assert_nonnull (strstr (gtk_label_get_label (link), "<a href=\"https://hub.example.com/c\">"));
  open = find_button (messages, "Open Chat Canvas");
  g_assert_nonnull (open);
  g_assert_null (find_button (messages, "Bot Settings"));

  /* The handoff opens the chat canvas by itself; the first time, the author sees the address
   * and may say no. */
  wait_until (dialog_shown, NULL);
  dialog = va_test_find_message_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "Open https://hub.example.com/c?"));
  g_assert_false (adw_message_dialog_get_body_use_markup (ADW_MESSAGE_DIALOG (dialog)));
  g_assert_nonnull (find_button (dialog, "Open"));
  save_screenshot (GTK_WIDGET (f.window), "test-chat-handoff.png");
  n_rows = count_rows (messages);
  va_test_click (find_button (dialog, "Cancel"));
  wait_until (dialog_gone, NULL);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  /* Saying no is no error, and is not remembered. */
  g_assert_cmpuint (count_rows (messages), ==, n_rows);
  g_assert_false (va_uri_opener_is_confirmed (va_bot_get_id (f.bot), "https://hub.example.com/c"));

  /* The button asks again. */
  va_test_click (open);
  wait_until (dialog_shown, NULL);
  dialog = va_test_find_message_dialog ();
  va_test_click (find_button (dialog, "Cancel"));
  wait_until (dialog_gone, NULL);

  fixture_clear (&f);
}

static void
test_literal_text (void)
{
  g_autoptr(VaBot) bot = va_template_new_bot ();
  g_autoptr(VaTopic) start = NULL;
  GListModel *topics = va_bot_get_topics (bot);
  GListModel *nodes;
  Fixture f = { 0 };
  GtkListBox *messages;
  GtkLabel *label;
  const char *said = "Hi <b>x</b> & y, see https://example.com/a?b=1&c=2.";

  for (guint i = 0; i < g_list_model_get_n_items (topics) && start == NULL; i++)
    {
      g_autoptr(VaTopic) topic = g_list_model_get_item (topics, i);

      if (g_str_equal (va_topic_get_id (topic), "conversation-start"))
        start = g_steal_pointer (&topic);
    }
  g_assert_nonnull (start);
  nodes = va_topic_get_nodes (start);
  for (guint i = 0; i < g_list_model_get_n_items (nodes); i++)
    {
      g_autoptr(GObject) node = g_list_model_get_item (nodes, i);

      if (VA_IS_MESSAGE_NODE (node))
        {
          va_message_node_set_text (VA_MESSAGE_NODE (node), said);
          break;
        }
    }

  fixture_init (&f, bot);
  messages = va_test_chat_get_message_list (f.chat);

  /* The bot's text: shown literally, with its address as a link. */
  label = find_label (messages, said);
  g_assert_nonnull (label);
  g_assert_nonnull (strstr (gtk_label_get_label (label),
                            "Hi &lt;b&gt;x&lt;/b&gt; &amp; y, see "
                            "<a href=\"https://example.com/a?b=1&amp;c=2\">"));

  /* The user's text: never markup. */
  type_and_send (&f, "<b>x</b> & y");
  label = find_label (messages, "<b>x</b> & y");
  g_assert_nonnull (label);
  g_assert_false (gtk_label_get_use_markup (label));
  g_assert_cmpstr (gtk_label_get_label (label), ==, "<b>x</b> & y");
  fixture_clear (&f);
}

static void
test_linkify (void)
{
  struct { const char *text; const char *markup; } cases[] = {
    { "no link & <tags>", NULL },
    { "javascript:alert(1) file:///etc/passwd", NULL },
    { "go to https://a.example/x.",
      "go to <a href=\"https://a.example/x\">https://a.example/x</a>." },
    { "(see http://a.example/p_(1))",
      "(see <a href=\"http://a.example/p_(1)\">http://a.example/p_(1)</a>)" },
    { "<https://a.example/?q=\"x\">",
      "&lt;<a href=\"https://a.example/?q=\">https://a.example/?q=</a>&quot;x&quot;&gt;" },
    { "https://user@evil.example/ no", NULL },
    { "xhttps://a.example/", NULL },
    { "HTTPS://A.example/'><b>",
      "<a href=\"HTTPS://A.example/\">HTTPS://A.example/</a>&apos;&gt;&lt;b&gt;" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *markup = va_test_chat_linkify (cases[i].text);

      g_assert_cmpstr (markup, ==, cases[i].markup);
      if (markup != NULL)
        {
          GtkWidget *label = g_object_ref_sink (gtk_label_new (NULL));

          /* Valid markup (or a fatal warning) that shows the text as it was. */
          gtk_label_set_markup (GTK_LABEL (label), markup);
          g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, cases[i].text);
          g_object_unref (label);
        }
    }
}

static void
test_track (void)
{
  Fixture f = { 0 };
  Signals signals = { g_ptr_array_new_with_free_func (g_free), 0 };
  GtkListBox *messages;
  GtkWidget *row;
  GtkGesture *click;

  fixture_init (&f, NULL);
  messages = va_test_chat_get_message_list (f.chat);
  g_signal_connect (f.chat, "node-reached", G_CALLBACK (on_node_reached), &signals);

  /* Off: nothing follows the conversation. */
  g_assert_false (va_test_chat_get_track (f.chat));
  type_and_send (&f, "what are your opening hours");
  g_assert_cmpuint (signals.nodes->len, ==, 0);

  /* Clicking a bot message shows its node, track or not. */
  row = find_row_with_label (messages, "Which store are you asking about?");
  g_assert_nonnull (row);
  click = g_object_get_data (G_OBJECT (row), "click");
  g_assert_nonnull (click);
  g_signal_emit_by_name (click, "pressed", 1, 5.0, 5.0);
  g_assert_cmpuint (signals.nodes->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (signals.nodes, 0), ==, "store-hours/n1");
  /* And so does activating its row from the keyboard. */
  g_signal_emit_by_name (messages, "row-activated", row);
  g_assert_cmpuint (signals.nodes->len, ==, 2);

  /* On: the switch turns it on, and shows where the conversation is at once. */
  g_ptr_array_set_size (signals.nodes, 0);
  {
    g_autoptr(GPtrArray) switches = va_test_collect_widgets (GTK_WIDGET (f.chat), GTK_TYPE_SWITCH);

    g_assert_cmpuint (switches->len, ==, 1);
    gtk_switch_set_active (g_ptr_array_index (switches, 0), TRUE);
  }
  g_assert_true (va_test_chat_get_track (f.chat));
  g_assert_cmpuint (signals.nodes->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (signals.nodes, 0), ==, "store-hours/n1");
  g_ptr_array_set_size (signals.nodes, 0);
  type_and_send (&f, "where is my order");
  g_assert_cmpuint (signals.nodes->len, >=, 1);
  g_assert_cmpstr (g_ptr_array_index (signals.nodes, signals.nodes->len - 1), ==,
                   "order-status/n1");

  g_ptr_array_unref (signals.nodes);
  fixture_clear (&f);
}

static GtkEventController *
capture_key_controller (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller) &&
          gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE)
        return controller;
    }
  return NULL;
}

static gboolean
press (GtkEventController *keys,
       guint               keyval)
{
  gboolean handled = FALSE;

  g_signal_emit_by_name (keys, "key-pressed", keyval, 0, 0, &handled);
  return handled;
}

static void
test_history (void)
{
  Fixture f = { 0 };
  GtkEntry *entry;
  GtkEventController *keys;
  guint n_rows;

  fixture_init (&f, NULL);
  entry = va_test_chat_get_entry (f.chat);
  keys = capture_key_controller (GTK_WIDGET (entry));
  g_assert_nonnull (keys);

  type_and_send (&f, "hello");
  type_and_send (&f, "where is my order");
  gtk_editable_set_text (GTK_EDITABLE (entry), "draft");

  g_assert_true (press (keys, GDK_KEY_Up));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "where is my order");
  g_assert_true (press (keys, GDK_KEY_Up));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "hello");
  g_assert_true (press (keys, GDK_KEY_Up));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "hello");
  g_assert_true (press (keys, GDK_KEY_Down));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "where is my order");
  g_assert_true (press (keys, GDK_KEY_Down));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "draft");
  g_assert_false (press (keys, GDK_KEY_Down));

  /* Escape clears, and only then lets the key go on. */
  g_assert_true (press (keys, GDK_KEY_Escape));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_false (press (keys, GDK_KEY_Escape));

  /* Nothing typed: nothing to send. */
  {
    g_autoptr(GPtrArray) buttons = va_test_collect_widgets (GTK_WIDGET (f.chat), GTK_TYPE_BUTTON);
    GtkWidget *send = NULL;

    for (guint i = 0; i < buttons->len; i++)
      if (g_strcmp0 (gtk_actionable_get_action_name (g_ptr_array_index (buttons, i)),
                     "chat.send") == 0)
        send = g_ptr_array_index (buttons, i);
    g_assert_nonnull (send);
    g_assert_false (gtk_widget_is_sensitive (send));
    n_rows = count_rows (va_test_chat_get_message_list (f.chat));
    g_signal_emit_by_name (entry, "activate");
    gtk_editable_set_text (GTK_EDITABLE (entry), "   ");
    g_signal_emit_by_name (entry, "activate");
    g_assert_cmpuint (count_rows (va_test_chat_get_message_list (f.chat)), ==, n_rows);
    gtk_editable_set_text (GTK_EDITABLE (entry), "hi");
    g_assert_true (gtk_widget_is_sensitive (send));
  }
  fixture_clear (&f);
}

/* }}} */
/* {{{ Web requests: busy and failing */

static VaBot *
bot_with_action (const char *url)
{
  g_autofree char *nodes = g_strdup_printf (
    "[{\"id\": \"n1\", \"type\": \"action\", \"method\": \"get\", \"url\": \"%s\","
    "  \"timeout\": 5, \"next\": \"n2\", \"failure_next\": \"n3\","
    "  \"mappings\": [{\"path\": \"$.status\", \"variable\": \"Status\"}]},"
    " {\"id\": \"n2\", \"type\": \"message\", \"text\": \"Status: {Status}\"},"
    " {\"id\": \"n3\", \"type\": \"message\", \"text\": \"That did not work.\"}]", url);

  return va_test_bot_new_with_nodes (nodes);
}

static gboolean
request_arrived (gpointer data)
{
  return ((VaTestServer *) data)->held->len > 0;
}

static gboolean
not_busy (gpointer data)
{
  return !va_conversation_get_busy (va_test_chat_get_conversation (data));
}

static void
test_busy (void)
{
  VaTestServer s = { 0 };
  g_autofree char *url = NULL;
  g_autoptr(VaBot) bot = NULL;
  Fixture f = { 0 };
  GtkEntry *entry;
  g_autofree char *request = NULL;
  const char *answer = "{\"status\": \"shipped\"}";

  va_test_server_start (&s);
  /* Held until the test has looked at the busy panel. */
  s.hold = TRUE;
  url = g_strdup_printf ("%s/status", s.base);
  bot = bot_with_action (url);

  fixture_init (&f, bot);
  entry = va_test_chat_get_entry (f.chat);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (entry)));
  type_and_send (&f, "go now");
  g_assert_true (va_conversation_get_busy (va_test_chat_get_conversation (f.chat)));
  /* While the request is under way: no typing, a spinner, the request shown. */
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (entry)));
  request = g_strdup_printf ("GET %s", url);
  g_assert_nonnull (find_label (va_test_chat_get_message_list (f.chat), request));
  wait_until (request_arrived, &s);
  {
    g_autoptr(GPtrArray) spinners = va_test_collect_widgets (GTK_WIDGET (f.chat), GTK_TYPE_SPINNER);
    SoupServerMessage *paused;

    g_assert_cmpuint (spinners->len, ==, 1);
    g_assert_true (gtk_widget_get_visible (g_ptr_array_index (spinners, 0)));
    save_screenshot (GTK_WIDGET (f.window), "test-chat-busy.png");

    paused = g_ptr_array_index (s.held, 0);
    soup_server_message_set_status (paused, 200, NULL);
    soup_server_message_set_response (paused, "application/json", SOUP_MEMORY_STATIC, answer,
                                      strlen (answer));
    soup_server_message_unpause (paused);
    wait_until (not_busy, f.chat);
    g_assert_false (gtk_widget_get_visible (g_ptr_array_index (spinners, 0)));
  }
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (entry)));
  /* The focus comes back to the entry, to go on typing. */
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f.window)),
                                         GTK_WIDGET (entry)));
  g_assert_nonnull (find_label (va_test_chat_get_message_list (f.chat), "Status: shipped"));
  fixture_clear (&f);
  va_test_server_stop (&s);
}

static void
test_action_error (void)
{
  g_autoptr(VaBot) bot = bot_with_action ("file:///etc/passwd");
  Fixture f = { 0 };
  GtkListBox *messages;
  GtkLabel *label;

  fixture_init (&f, bot);
  messages = va_test_chat_get_message_list (f.chat);
  type_and_send (&f, "go now");
  label = find_label_prefix (messages, "GET file:///etc/passwd failed: ");
  g_assert_nonnull (label);
  g_assert_true (gtk_widget_has_css_class (gtk_widget_get_parent (GTK_WIDGET (label)), "error"));
  g_assert_nonnull (find_label (messages, "That did not work."));
  save_screenshot (GTK_WIDGET (f.window), "test-chat-error.png");
  fixture_clear (&f);
}

/* }}} */
/* {{{ The link opener */

typedef struct
{
  gboolean  done;
  gboolean  opened;
  GError   *error;
} Opened;

static void
opened (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  Opened *o = user_data;

  o->opened = va_uri_opener_open_finish (result, &o->error);
  o->done = TRUE;
}

static gboolean
open_done (gpointer data)
{
  return ((Opened *) data)->done;
}

static void
test_uri_opener_refuses (void)
{
  const char *refused[] = {
    "file:///etc/passwd",
    "javascript:alert(1)",
    "data:text/html,<b>x</b>",
    "smb://server/share",
    "https://user@evil.example/",
    "https://",
    "hub.example.com/c",
    "",
  };
  GtkWidget *parent = gtk_window_new ();
  guint n_windows;

  gtk_window_present (GTK_WINDOW (parent));
  n_windows = g_list_model_get_n_items (gtk_window_get_toplevels ());
  va_uri_opener_forget_all ();
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      Opened o = { 0 };

      /* Even a host the author trusts: the address itself is refused. */
      va_uri_opener_confirm ("bot", refused[i]);
      va_uri_opener_open (GTK_WINDOW (parent), refused[i], "bot", NULL, opened, &o);
      /* Refused at once: no dialog was ever shown. */
      g_assert_cmpuint (g_list_model_get_n_items (gtk_window_get_toplevels ()), ==, n_windows);
      g_assert_null (va_test_find_message_dialog ());
      wait_until (open_done, &o);
      g_assert_false (o.opened);
      g_assert_error (o.error, VA_HTTP_ERROR, o.error->code);
      g_assert_true (o.error->code == VA_HTTP_ERROR_INVALID_URL ||
                     o.error->code == VA_HTTP_ERROR_UNSUPPORTED_SCHEME);
      g_clear_error (&o.error);
    }
  gtk_window_destroy (GTK_WINDOW (parent));
}

static void
test_uri_opener_confirm (void)
{
  va_uri_opener_forget_all ();
  g_assert_false (va_uri_opener_is_confirmed ("bot", "https://hub.example.com/c"));
  va_uri_opener_confirm ("bot", "https://hub.example.com/c");
  /* Per bot and host: another page of the host, yes; another bot or host, no. */
  g_assert_true (va_uri_opener_is_confirmed ("bot", "https://HUB.example.com/other?x=1"));
  g_assert_false (va_uri_opener_is_confirmed ("other-bot", "https://hub.example.com/c"));
  g_assert_false (va_uri_opener_is_confirmed ("bot", "https://hub.example.org/c"));
  g_assert_false (va_uri_opener_is_confirmed ("bot", "not a link"));
  va_uri_opener_forget_all ();
  g_assert_false (va_uri_opener_is_confirmed ("bot", "https://hub.example.com/c"));
}

/* }}} */

int
main (int    argc,
      char **argv)
{
  if (!va_test_ui_init (&argc, &argv))
    return 0;

  g_test_add_func ("/chat/greeting", test_greeting);
  g_test_add_func ("/chat/order-flow", test_order_flow);
  g_test_add_func ("/chat/placeholder-handoff", test_placeholder_handoff);
  g_test_add_func ("/chat/hub-link", test_hub_link);
  g_test_add_func ("/chat/literal-text", test_literal_text);
  g_test_add_func ("/chat/linkify", test_linkify);
  g_test_add_func ("/chat/track", test_track);
  g_test_add_func ("/chat/history", test_history);
  g_test_add_func ("/chat/busy", test_busy);
  g_test_add_func ("/chat/action-error", test_action_error);
  g_test_add_func ("/uri-opener/refuses", test_uri_opener_refuses);
  g_test_add_func ("/uri-opener/confirm", test_uri_opener_confirm);

  return g_test_run ();
}
