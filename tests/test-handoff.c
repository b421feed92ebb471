/* test-handoff.c — the live-agent handoff end to end, under Xvfb
 *
 * Real parts only: the test chat panel types into the engine, the engine POSTs the handoff to a
 * SoupServer on 127.0.0.1, and the chat canvas link goes to the desktop's default https
 * handler, which this test replaces (XDG dirs in a temporary folder) with a script that writes
 * down the URL it is given.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <adwaita.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "va-bot-settings.h"
#include "va-conversation.h"
#include "va-template.h"
#include "va-test-chat-private.h"
#include "va-test-ui.h"
#include "va-uri-opener.h"

static char *record_file;

/* {{{ Helpers */

static void
setup_url_handler (void)
{
  g_autofree char *dir = g_dir_make_tmp ("va-handoff-XXXXXX", NULL);
  g_autofree char *apps = g_build_filename (dir, "data", "applications", NULL);
  g_autofree char *config = g_build_filename (dir, "config", NULL);
  g_autofree char *script = g_build_filename (dir, "record-url", NULL);
  g_autofree char *desktop = g_build_filename (apps, "record-url.desktop", NULL);
  g_autofree char *mimeapps = g_build_filename (config, "mimeapps.list", NULL);
  g_autofree char *script_text = NULL;
  g_autofree char *desktop_text = NULL;
  g_autofree char *data_home = g_build_filename (dir, "data", NULL);
  g_autofree char *data_dirs = g_strdup_printf ("%s:/usr/local/share:/usr/share", data_home);

  record_file = g_build_filename (dir, "opened.txt", NULL);
  g_mkdir_with_parents (apps, 0700);
  g_mkdir_with_parents (config, 0700);
  script_text = g_strdup_printf ("#!/bin/sh\nprintf '%%s\\n' \"$1\" >> '%s'\n", record_file);
  g_assert_true (g_file_set_contents (script, script_text, -1, NULL));
  g_chmod (script, 0755);
  desktop_text = g_strdup_printf ("[Desktop Entry]\nType=Application\nName=Record URL\n"
                                  "Exec=%s %%u\nMimeType=x-scheme-handler/https;x-scheme-handler/http;\n"
                                  "NoDisplay=true\n", script);
  g_assert_true (g_file_set_contents (desktop, desktop_text, -1, NULL));
  g_assert_true (g_file_set_contents (mimeapps,
                                      "[Default Applications]\n"
                                      "x-scheme-handler/https=record-url.desktop\n"
                                      "x-scheme-handler/http=record-url.desktop\n", -1, NULL));
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_setenv ("XDG_DATA_DIRS", data_dirs, TRUE);
  g_setenv ("GTK_USE_PORTAL", "0", TRUE);
}

static char *
recorded_urls (void)
{
  char *text = NULL;

  if (!g_file_get_contents (record_file, &text, NULL, NULL))
    return g_strdup ("");
  return text;
}

static gboolean
recorded (gpointer data)
{
  g_autofree char *text = recorded_urls ();

  return strstr (text, data) != NULL;
}

/* What the handoff waits for comes within 15 s. */
#define wait_until(done, data) va_test_wait_until (done, data, 15)

typedef struct
{
  VaTestChat *chat;
  const char *text;
} Shows;

static gboolean
chat_shows (gpointer data)
{
  Shows *shows = data;
  g_autoptr(GPtrArray) labels = va_test_collect_widgets (
    GTK_WIDGET (va_test_chat_get_message_list (shows->chat)), GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (strstr (gtk_label_get_text (g_ptr_array_index (labels, i)), shows->text) != NULL)
      return TRUE;
  return FALSE;
}

static gboolean
conversation_waiting (gpointer data)
{
  VaConversation *conversation = va_test_chat_get_conversation (data);

  return va_conversation_get_state (conversation) == VA_CONVERSATION_STATE_WAITING;
}

static gboolean
hub_received (gpointer data)
{
  return ((VaTestServer *) data)->requests->len > 0;
}

typedef struct
{
  GtkWindow  *window;
  VaTestChat *chat;
  VaBot      *bot;
} Fixture;

static void
fixture_init (Fixture    *f,
              const char *hub_link,
              const char *webhook)
{
  f->bot = va_template_new_bot ();
  va_bot_set_test_hub (f->bot, FALSE);
  if (hub_link != NULL)
    va_bot_set_hub_link (f->bot, hub_link);
  if (webhook != NULL)
    va_bot_set_webhook_url (f->bot, webhook);
  f->window = GTK_WINDOW (gtk_window_new ());
  f->chat = VA_TEST_CHAT (va_test_chat_new (f->bot));
  gtk_window_set_default_size (f->window, 420, 700);
  gtk_window_set_child (f->window, GTK_WIDGET (f->chat));
  gtk_window_present (f->window);
  va_test_chat_restart (f->chat);
  va_conversation_set_handoff_timeout (va_test_chat_get_conversation (f->chat), 2);
}

static void
fixture_clear (Fixture *f)
{
  gtk_window_destroy (f->window);
  g_clear_object (&f->bot);
  g_unlink (record_file);
}

static void
type_and_send (Fixture    *f,
               const char *text)
{
  GtkEntry *entry = va_test_chat_get_entry (f->chat);

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "activate");
}

/* }}} */
/* {{{ Tests */

static void
test_webhook_and_browser (void)
{
  VaTestServer hub = { 0 };
  g_autofree char *webhook = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *activity, *value;
  Fixture f = { 0 };
  Shows banner;

  va_test_server_start (&hub);
  webhook = g_strconcat (hub.base, "/handoff", NULL);
  g_free (hub.answer);
  hub.answer = g_strdup ("{\"name\": \"handoff.status\", \"value\": {\"state\": \"accepted\","
                         " \"message\": \"Sam will take it\"}, \"chatUrl\": \"https://hub.example.com/c/42\"}");
  fixture_init (&f, "https://hub.example.com/chat", webhook);
  va_uri_opener_confirm (va_bot_get_id (f.bot), "https://hub.example.com/c/42");

  type_and_send (&f, "where is my order");
  type_and_send (&f, "4711");
  type_and_send (&f, "I want to talk to a person");

  /* The banner, then the POST the hub received, with the context of the conversation. */
  banner = (Shows) { f.chat, "Handed off to a live agent" };
  g_assert_true (chat_shows (&banner));
  wait_until (hub_received, &hub);
  g_assert_true (json_parser_load_from_data (parser, va_test_server_body (&hub, 0), -1, NULL));
  activity = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (activity, "name"), ==, "handoff.initiate");
  value = json_object_get_object_member (activity, "value");
  g_assert_cmpstr (json_object_get_string_member (value, "va_LastPhrase"), ==, "I want to talk to a person");
  g_assert_cmpstr (json_object_get_string_member (value, "va_LastTopic"), ==, "Order status");
  g_assert_cmpstr (json_object_get_string_member (value, "OrderNumber"), ==, "4711");
  g_assert_cmpstr (json_object_get_string_member (value, "va_BotName"), ==, "Sample support bot");

  /* The address the hub answered with went to the desktop's https handler. */
  wait_until (recorded, (gpointer) "https://hub.example.com/c/42\n");
  {
    g_autofree char *urls = recorded_urls ();

    g_assert_cmpstr (urls, ==, "https://hub.example.com/c/42\n");
  }
  banner.text = "Sam will take it";
  wait_until (chat_shows, &banner);
  fixture_clear (&f);
  va_test_server_stop (&hub);
}

static void
test_confirm_then_open (void)
{
  Fixture f = { 0 };
  GtkWindow *dialog;

  va_uri_opener_forget_all ();
  fixture_init (&f, "https://hub.example.com/chat?team=support", NULL);
  type_and_send (&f, "talk to a person");
  /* The first time, the author sees the address and opens it. */
  while ((dialog = va_test_find_message_dialog ()) == NULL)
    g_main_context_iteration (NULL, FALSE);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "https://hub.example.com/chat?team=support"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "open");
  wait_until (recorded, (gpointer) "https://hub.example.com/chat?team=support\n");
  g_assert_true (va_uri_opener_is_confirmed (va_bot_get_id (f.bot),
                                             "https://hub.example.com/chat?team=support"));
  fixture_clear (&f);
}

static void
test_hub_down (void)
{
  g_autofree char *webhook = g_strdup_printf ("http://127.0.0.1:%d/handoff",
                                              va_test_closed_port ());
  Fixture f = { 0 };
  Shows error;

  fixture_init (&f, "https://hub.example.com/down", webhook);
  va_uri_opener_confirm (va_bot_get_id (f.bot), "https://hub.example.com/down");
  type_and_send (&f, "talk to a person");
  /* Said in plain words; the chat canvas link still opens. */
  error = (Shows) { f.chat, "could not be sent to the engagement hub" };
  wait_until (chat_shows, &error);
  error.text = "refused";
  g_assert_true (chat_shows (&error));
  wait_until (recorded, (gpointer) "https://hub.example.com/down\n");
  fixture_clear (&f);
}

static void
test_slow_hub (void)
{
  VaTestServer hub = { 0 };
  g_autofree char *webhook = NULL;
  Fixture f = { 0 };
  Shows shows;
  gint64 start;

  va_test_server_start (&hub);
  hub.hold = TRUE;
  webhook = g_strconcat (hub.base, "/handoff", NULL);
  fixture_init (&f, "https://hub.example.com/slow", webhook);
  va_uri_opener_confirm (va_bot_get_id (f.bot), "https://hub.example.com/slow");
  start = g_get_monotonic_time ();
  type_and_send (&f, "talk to a person");
  /* The UI answers while the hub says nothing: the entry takes text at once. */
  g_assert_true (g_get_monotonic_time () - start < 2 * G_USEC_PER_SEC);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (va_test_chat_get_entry (f.chat))));
  wait_until (hub_received, &hub);
  shows = (Shows) { f.chat, "No answer from" };
  wait_until (chat_shows, &shows);
  wait_until (recorded, (gpointer) "https://hub.example.com/slow\n");
  fixture_clear (&f);
  va_test_server_stop (&hub);
}

static void
test_placeholder (void)
{
  Fixture f = { 0 };
  Shows shows;

  fixture_init (&f, NULL, NULL);
  type_and_send (&f, "talk to a person");
  shows = (Shows) { f.chat, "still says [link]" };
  g_assert_true (chat_shows (&shows));
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (g_file_test (record_file, G_FILE_TEST_EXISTS));
  fixture_clear (&f);
}

static void
test_odd_schemes (void)
{
  const char *links[] = { "file:///etc/passwd", "javascript:alert(1)" };

  for (guint i = 0; i < G_N_ELEMENTS (links); i++)
    {
      Fixture f = { 0 };
      Shows shows;

      /* A hostile bot file can hold any link: the chat says no, nothing is launched. */
      fixture_init (&f, links[i], NULL);
      type_and_send (&f, "talk to a person");
      shows = (Shows) { f.chat, "could not be opened" };
      wait_until (chat_shows, &shows);
      for (int j = 0; j < 50; j++)
        g_main_context_iteration (NULL, FALSE);
      g_assert_false (g_file_test (record_file, G_FILE_TEST_EXISTS));
      fixture_clear (&f);
    }
}

static gboolean
record_has_hub_page (gpointer data)
{
  g_autofree char *text = recorded_urls ();

  return strstr (text, "http://127.0.0.1:") != NULL && strstr (text, "token=") != NULL;
}

typedef struct
{
  SoupSession *session;
  gboolean     done;
  guint        status;
} Post;

static void
posted (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  Post *post = user_data;
  g_autoptr(GBytes) body G_GNUC_UNUSED = soup_session_send_and_read_finish (SOUP_SESSION (source), result, NULL);
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);

  post->status = soup_message_get_status (msg);
  post->done = TRUE;
}

static gboolean
post_done (gpointer data)
{
  return ((Post *) data)->done;
}

/* What the agent's page does: POST to the hub's API with the conversation's token. */
static guint
agent_post (const char *page,
            const char *what,
            const char *json)
{
  g_autofree char *base = g_strndup (page, strchr (page, '?') - page);
  g_autofree char *url = g_strdup_printf ("%s/%s%s", base, what, strchr (page, '?'));
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  Post post = { 0 };

  soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, posted, &post);
  wait_until (post_done, &post);
  return post.status;
}

static void
test_builtin_hub (void)
{
  g_autoptr(VaBot) bot = va_template_new_bot ();
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  VaTestChat *chat = VA_TEST_CHAT (va_test_chat_new (bot));
  g_autofree char *urls = NULL;
  g_autofree char *page = NULL;
  Shows shows = { chat, NULL };

  /* A new bot, nothing configured: the handoff goes to the hub built into the app. */
  g_assert_true (va_bot_get_test_hub (bot));
  gtk_window_set_child (window, GTK_WIDGET (chat));
  gtk_window_present (window);
  va_test_chat_restart (chat);
  va_test_chat_send (chat, "where is my order");
  va_test_chat_send (chat, "4711");
  va_test_chat_send (chat, "talk to a person");
  shows.text = "Handed off to the built-in test hub";
  g_assert_true (chat_shows (&shows));

  /* Its agent page went to the browser, without asking: it is our own. */
  wait_until (record_has_hub_page, NULL);
  urls = recorded_urls ();
  page = g_strstrip (g_strdup (urls));
  g_assert_true (g_str_has_prefix (page, "http://127.0.0.1:"));

  /* What the user types now reaches the page; what the agent types reaches the chat. */
  va_test_chat_send (chat, "hello, anyone there?");
  g_assert_cmpuint (agent_post (page, "reply", "{\"text\": \"Hi, I am Sam. Order 4711 is late.\"}"), ==, 200);
  shows.text = "Hi, I am Sam. Order 4711 is late.";
  wait_until (chat_shows, &shows);

  /* Resolve gives the conversation back to the bot. */
  g_assert_cmpuint (agent_post (page, "status", "{\"state\": \"completed\"}"), ==, 200);
  wait_until (conversation_waiting, chat);
  va_test_chat_send (chat, "thanks a lot");
  shows.text = "You're welcome! Is there anything else I can help with?";
  g_assert_true (chat_shows (&shows));

  /* A wrong token is refused. */
  {
    g_autofree char *wrong = g_strconcat (page, "x", NULL);

    g_assert_cmpuint (agent_post (wrong, "reply", "{\"text\": \"intruder\"}"), ==, 403);
  }
  gtk_window_destroy (window);
  g_unlink (record_file);
}

static gboolean
widget_visible (gpointer data)
{
  return gtk_widget_get_visible (data);
}

static void
test_check_connection (void)
{
  VaTestServer hub = { 0 };
  g_autofree char *link = NULL;
  g_autoptr(VaBot) bot = va_template_new_bot ();
  g_autoptr(VaHistory) history = va_history_new ();
  VaBotSettings *settings;
  GtkWidget *button, *result;
  const char *text;

  va_test_server_start (&hub);
  link = g_strconcat (hub.base, "/chat", NULL);
  va_bot_set_hub_link (bot, link);
  va_bot_set_webhook_url (bot, "http://127.0.0.1:9/handoff");
  settings = va_bot_settings_new (NULL, bot, history);
  gtk_window_present (GTK_WINDOW (settings));
  button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (settings), VA_TYPE_BOT_SETTINGS,
                                                      "check_button"));
  result = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (settings), VA_TYPE_BOT_SETTINGS,
                                                      "check_result"));
  va_test_click (button);
  g_assert_false (gtk_widget_get_sensitive (button));
  wait_until (widget_visible, result);
  text = gtk_label_get_text (GTK_LABEL (result));
  g_assert_nonnull (strstr (text, "Chat canvas: answered 200 OK in "));
  g_assert_nonnull (strstr (text, "Webhook: "));
  g_assert_nonnull (strstr (text, "refused"));
  g_assert_true (gtk_widget_get_sensitive (button));
  gtk_window_destroy (GTK_WINDOW (settings));
  va_test_server_stop (&hub);
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  if (!va_test_ui_has_display ())
    return 0;
  /* Before GTK and GIO read them. */
  setup_url_handler ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/handoff/webhook-and-browser", test_webhook_and_browser);
  g_test_add_func ("/handoff/confirm-then-open", test_confirm_then_open);
  g_test_add_func ("/handoff/hub-down", test_hub_down);
  g_test_add_func ("/handoff/slow-hub", test_slow_hub);
  g_test_add_func ("/handoff/placeholder", test_placeholder);
  g_test_add_func ("/handoff/odd-schemes", test_odd_schemes);
  g_test_add_func ("/handoff/check-connection", test_check_connection);
  g_test_add_func ("/handoff/builtin-hub", test_builtin_hub);

  return g_test_run ();
}
