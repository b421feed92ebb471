/* va-test-chat.c — the test chat panel: talk to the bot as it is being edited
 *
 * The panel reads one stream, the conversation's "event" signal (the same one the command line's
 * chat prints), and turns each event into a row: bubbles for what the user, the bot and the human
 * agent say, small notices for topics, errors and the end, a banner for the handoff. The details
 * pane shows the variables and, for the last user message, how the recognizer ranked the topics.
 *
 * A VaScriptRecorder listens to the same conversation, so "Save as Test" writes exactly what
 * happened as a transcript script that `virtual-agent-cli run` replays.
 *
 * Restart makes a new recognizer of the bot as it is now: its index is built at once (a few
 * milliseconds), the trained model follows from a worker thread, so the greeting shows at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "va-bot-recognizer.h"
#include "va-script.h"
#include "va-test-chat-private.h"
#include "va-hub.h"
#include "va-uri-opener.h"

struct _VaTestChat
{
  GtkWidget         parent_instance;

  VaBot            *bot;
  VaConversation   *conversation;
  VaScriptRecorder *recorder;
  GCancellable     *build_cancellable; /* the recognizer's training, per conversation */
  GCancellable     *cancellable;       /* saving and opening links, until dispose */
  gboolean          track;

  GPtrArray        *history;           /* what was sent from the entry, oldest first */
  guint             history_pos;       /* history->len when not walking the history */
  char             *history_draft;     /* the entry's text before walking the history */

  char             *last_user_text;    /* to find the matched trigger phrases */
  VaChatSender      last_sender;       /* to group consecutive messages */
  GtkWidget        *choices;           /* the last question's buttons */
  char             *first_topic_id;    /* names the saved test */
  char             *handoff_link;      /* to open once the webhook has answered */
  VaHub            *hub;               /* the built-in hub, when this conversation uses it */
  gboolean          awaiting_hub;      /* handed off to the built-in hub: open its page */
  gboolean          follow;            /* stay scrolled to the newest message */
  double            last_upper;        /* of the scrolled messages, to tell the user's scrolling */
  double            last_page_size;    /* from a change of size */
  guint             scroll_idle;
  gboolean          refocus;           /* the entry had the focus when it went insensitive */

  /* template widgets */
  AdwToastOverlay  *toast_overlay;
  GtkToggleButton  *details_button;
  GtkSwitch        *track_switch;
  GtkPaned         *paned;
  GtkScrolledWindow *scroller;
  GtkListBox       *messages;
  GtkWidget        *details;
  GtkLabel         *recognition_said;
  GtkLabel         *recognition_decision;
  GtkListBox       *recognition_list;
  GtkLabel         *variables_empty;
  GtkListBox       *variables_list;
  GtkEntry         *entry;
  GtkSpinner       *spinner;
};

G_DEFINE_FINAL_TYPE (VaTestChat, va_test_chat, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_BOT,
  PROP_TRACK,
  PROP_CONVERSATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_NODE_REACHED,
  SIGNAL_OPEN_SETTINGS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* {{{ Helpers */

static void
scroll_to_end (VaTestChat *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) -
                                        gtk_adjustment_get_page_size (adjustment));
}

static gboolean
scroll_to_end_later (gpointer data)
{
  VaTestChat *self = data;

  self->scroll_idle = 0;
  if (self->follow)
    scroll_to_end (self);
  return G_SOURCE_REMOVE;
}

/* The list grew (or the pane shrank): keep the newest message in view, unless the user scrolled
 * back to read. */
static void
adjustment_changed (GtkAdjustment *adjustment,
                    GParamSpec    *pspec,
                    VaTestChat    *self)
{
  self->last_upper = gtk_adjustment_get_upper (adjustment);
  self->last_page_size = gtk_adjustment_get_page_size (adjustment);
  /* Not now: this runs in the middle of a layout, which would not move the view. */
  if (self->follow && self->scroll_idle == 0)
    self->scroll_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, scroll_to_end_later, self, NULL);
}

static void
adjustment_value_changed (GtkAdjustment *adjustment,
                          VaTestChat    *self)
{
  double upper = gtk_adjustment_get_upper (adjustment);
  double page_size = gtk_adjustment_get_page_size (adjustment);

  /* A new size clamps the value before its notifications: that is not the user scrolling. */
  if (upper != self->last_upper || page_size != self->last_page_size)
    return;
  self->follow = gtk_adjustment_get_value (adjustment) + page_size >= upper - 2.0;
}

static void
append_row (VaTestChat   *self,
            GtkWidget    *row,
            VaChatSender  sender)
{
  gtk_list_box_append (self->messages, row);
  self->last_sender = sender;
}

static void
add_notice (VaTestChat   *self,
            VaChatNotice  kind,
            const char   *text,
            const char   *detail)
{
  /* A topic notice between two bot messages does not make the bot introduce itself again. */
  append_row (self, va_chat_notice_row_new (kind, text, detail),
              kind == VA_CHAT_NOTICE_TOPIC ? self->last_sender : VA_CHAT_SENDER_NONE);
}

static GtkWidget *
add_message (VaTestChat   *self,
             VaChatSender  sender,
             const char   *text)
{
  const char *name = NULL;
  GtkWidget *row;

  /* A name above the first message of a group; the user's own are told by their side. */
  if (sender != self->last_sender)
    {
      if (sender == VA_CHAT_SENDER_BOT)
        name = self->bot != NULL ? va_bot_get_name (self->bot) : NULL;
      else if (sender == VA_CHAT_SENDER_AGENT)
        name = _("Agent");
      if (name == NULL || name[0] == '\0')
        name = sender == VA_CHAT_SENDER_BOT ? _("Bot") : name;
    }
  row = va_chat_message_row_new (sender, name, text);
  append_row (self, row, sender);
  return row;
}

/* Answers to an old question make no sense any more. */
static void
retire_choices (VaTestChat *self)
{
  if (self->choices != NULL)
    gtk_widget_set_sensitive (self->choices, FALSE);
  g_clear_weak_pointer (&self->choices);
}

static void
update_sensitivity (VaTestChat *self)
{
  gboolean busy = self->conversation != NULL && va_conversation_get_busy (self->conversation);
  gboolean can_type = self->conversation != NULL && !busy;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (!can_type && focus != NULL &&
      (focus == GTK_WIDGET (self->entry) ||
       gtk_widget_is_ancestor (focus, GTK_WIDGET (self->entry))))
    {
      /* GTK 4.8 loses the entry's focus-out when it turns insensitive with the focus in it. */
      self->refocus = TRUE;
      gtk_root_set_focus (root, NULL);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->entry), can_type);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chat.send", can_type && text[0] != '\0');
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chat.choose", can_type);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chat.save-transcript", self->recorder != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chat.restart", self->bot != NULL);
  if (can_type && self->refocus)
    {
      self->refocus = FALSE;
      gtk_widget_grab_focus (GTK_WIDGET (self->entry));
    }
}

static void
show_error_in_chat (VaTestChat *self,
                    const char *text)
{
  /* A late answer (a link that failed to open) after the panel went away. */
  if (self->messages == NULL)
    return;
  add_notice (self, VA_CHAT_NOTICE_ERROR, text, NULL);
}

/* }}} */
/* {{{ Details: variables and recognition */

static void
refresh_variables (VaTestChat *self)
{
  g_autoptr(JsonNode) variables = NULL;
  guint n;

  if (self->conversation != NULL)
    variables = va_conversation_variables_to_json (self->conversation);
  n = va_chat_fill_variables (self->variables_list, variables);
  gtk_widget_set_visible (GTK_WIDGET (self->variables_list), n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->variables_empty), n == 0);
}

static void
reset_recognition (VaTestChat *self)
{
  va_chat_list_clear (self->recognition_list);
  gtk_widget_set_visible (GTK_WIDGET (self->recognition_list), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->recognition_decision), FALSE);
  gtk_label_set_text (self->recognition_said,
                      _("Send a message to see which topics it matches."));
}

static void
recognition_for_message (VaTestChat *self,
                         const char *text)
{
  g_autofree char *said = g_strdup_printf (_("You said “%s”"), text);

  va_chat_list_clear (self->recognition_list);
  gtk_widget_set_visible (GTK_WIDGET (self->recognition_list), FALSE);
  gtk_label_set_text (self->recognition_said, said);
  /* Replaced if the message goes to the recognizer. */
  gtk_label_set_text (self->recognition_decision,
                      _("Not recognized: the message answered the bot’s question, or went to the "
                        "agent."));
  gtk_widget_set_visible (GTK_WIDGET (self->recognition_decision), TRUE);
}

static void
show_recognition (VaTestChat *self,
                  VaEvent    *event)
{
  g_autofree char *decision = NULL;
  guint n;

  n = va_chat_fill_ranks (self->recognition_list, event,
                          va_conversation_get_recognizer (self->conversation),
                          self->last_user_text, va_bot_get_threshold_score (self->bot));
  gtk_widget_set_visible (GTK_WIDGET (self->recognition_list), n > 0);

  if (g_strcmp0 (event->name, "match") == 0)
    /* Translators: %s is the name of the topic that the message starts. */
    decision = g_strdup_printf (_("Match: starts “%s”."),
                                event->topic_name != NULL ? event->topic_name : "");
  else if (g_strcmp0 (event->name, "multiple") == 0)
    decision = g_strdup (_("Several topics matched closely: the bot asks which one was meant."));
  else
    decision = g_strdup (_("Nothing matched well enough: the Fallback topic answers."));
  gtk_label_set_text (self->recognition_decision, decision);
  gtk_widget_set_visible (GTK_WIDGET (self->recognition_decision), TRUE);
}

/* }}} */
/* {{{ Events */

static const char *
status_text (const char *state)
{
  if (g_strcmp0 (state, "accepted") == 0)
    return _("The engagement hub accepted the handoff.");
  if (g_strcmp0 (state, "failed") == 0)
    return _("The engagement hub could not take the conversation: it goes back to the bot.");
  if (g_strcmp0 (state, "completed") == 0)
    return _("The agent completed the conversation: it goes back to the bot.");
  if (g_strcmp0 (state, "posted") == 0)
    return _("The handoff was sent to the engagement hub.");
  return NULL;
}

static const char *
outcome_text (const char *outcome)
{
  if (g_strcmp0 (outcome, "resolved") == 0)
    return _("The conversation ended: resolved.");
  if (g_strcmp0 (outcome, "escalated") == 0)
    return _("The conversation ended: handed off.");
  if (g_strcmp0 (outcome, "error") == 0)
    return _("The conversation ended with an error.");
  return _("The conversation ended.");
}

static void open_link (VaTestChat *self, const char *uri);

static void
on_event (VaConversation *conversation,
          VaEvent        *event,
          VaTestChat     *self)
{
  GtkWidget *row;

  switch (event->kind)
    {
    case VA_EVENT_CONVERSATION_STARTED:
      /* The first start shows the greeting; a later one follows an ended conversation. */
      if (gtk_widget_get_first_child (GTK_WIDGET (self->messages)) != NULL)
        add_notice (self, VA_CHAT_NOTICE_INFO, _("New conversation"), NULL);
      break;

    case VA_EVENT_USER_MESSAGE:
      retire_choices (self);
      g_free (self->last_user_text);
      self->last_user_text = g_strdup (event->text);
      self->follow = TRUE;
      add_message (self, VA_CHAT_SENDER_USER, event->text);
      recognition_for_message (self, event->text != NULL ? event->text : "");
      break;

    case VA_EVENT_RECOGNIZED:
      show_recognition (self, event);
      break;

    case VA_EVENT_TOPIC_STARTED:
      if (self->first_topic_id == NULL && g_strcmp0 (event->name, "trigger") == 0)
        self->first_topic_id = g_strdup (event->topic_id);
      add_notice (self, VA_CHAT_NOTICE_TOPIC,
                  event->topic_name != NULL ? event->topic_name : event->topic_id, NULL);
      break;

    case VA_EVENT_NODE_ENTERED:
      if (self->track && event->topic_id != NULL && event->node_id != NULL)
        g_signal_emit (self, signals[SIGNAL_NODE_REACHED], 0, event->topic_id, event->node_id);
      break;

    case VA_EVENT_BOT_MESSAGE:
      row = add_message (self, VA_CHAT_SENDER_BOT, event->text);
      if (event->topic_id != NULL && event->node_id != NULL)
        va_chat_message_row_set_node (row, event->topic_id, event->node_id);
      if (event->choices != NULL && event->choices[0] != NULL)
        {
          const char * const *choices = (const char * const *) event->choices;

          retire_choices (self);
          g_set_weak_pointer (&self->choices, va_chat_message_row_add_choices (row, choices));
          gtk_widget_set_sensitive (self->choices,
                                    !va_conversation_get_busy (self->conversation));
        }
      break;

    case VA_EVENT_VARIABLE_CHANGED:
      refresh_variables (self);
      break;

    case VA_EVENT_ACTION:
      /* "GET https://… failed: why", already in plain words. */
      if (g_strcmp0 (event->name, "failed") == 0)
        show_error_in_chat (self, event->text);
      else if (g_strcmp0 (event->name, "started") == 0)
        add_notice (self, VA_CHAT_NOTICE_INFO, event->text, NULL);
      break;

    case VA_EVENT_HANDOFF:
      retire_choices (self);
      if (self->hub != NULL)
        {
          /* The built-in hub answers with its agent page, which then opens. */
          self->awaiting_hub = TRUE;
          append_row (self, va_chat_handoff_row_new (NULL, FALSE), VA_CHAT_SENDER_NONE);
          add_notice (self, VA_CHAT_NOTICE_INFO, _("Handed off to the built-in test hub"),
                      _("Its agent page opens in your browser: answer there as the agent."));
          break;
        }
      append_row (self,
                  va_chat_handoff_row_new (event->text,
                                           g_strcmp0 (event->name, "placeholder") == 0),
                  VA_CHAT_SENDER_NONE);
      /* The chat canvas opens by itself: at once, or once the webhook has answered (it may
       * name another address). */
      g_clear_pointer (&self->handoff_link, g_free);
      if (event->text != NULL)
        {
          const char *webhook = va_bot_get_webhook_url (self->bot);

          if (webhook != NULL && webhook[0] != '\0')
            self->handoff_link = g_strdup (event->text);
          else
            open_link (self, event->text);
        }
      break;

    case VA_EVENT_HANDOFF_STATUS:
      {
        const char *text = status_text (event->name);
        g_autofree char *other = NULL;
        const char *link = NULL;

        if (text == NULL)
          text = other = g_strdup_printf (_("The engagement hub says: %s"), event->name);
        row = va_chat_notice_row_new (VA_CHAT_NOTICE_INFO, text, event->text);
        if (event->data != NULL && JSON_NODE_HOLDS_VALUE (event->data) &&
            json_node_get_value_type (event->data) == G_TYPE_STRING)
          link = json_node_get_string (event->data);
        if (link != NULL)
          va_chat_row_add_button (row, _("_Open Chat Canvas"), "chat.open-link",
                                  g_variant_new_string (link));
        append_row (self, row, VA_CHAT_SENDER_NONE);
        if (self->awaiting_hub && link != NULL)
          {
            /* Our own hub's page on 127.0.0.1, with a token we were given: no need to ask. */
            va_uri_opener_confirm (va_bot_get_id (self->bot), link);
            self->awaiting_hub = FALSE;
            open_link (self, link);
          }
        else
          {
            if (link == NULL)
              link = self->handoff_link;
            if (link != NULL && self->handoff_link != NULL)
              open_link (self, link);
          }
        g_clear_pointer (&self->handoff_link, g_free);
      }
      break;

    case VA_EVENT_AGENT_MESSAGE:
      add_message (self, VA_CHAT_SENDER_AGENT, event->text);
      break;

    case VA_EVENT_CONVERSATION_ENDED:
      retire_choices (self);
      add_notice (self, VA_CHAT_NOTICE_INFO, outcome_text (event->name),
                  _("The next message starts a new conversation."));
      break;

    case VA_EVENT_ERROR:
      add_notice (self, VA_CHAT_NOTICE_ERROR, event->text, event->name);
      /* The hub did not take the handoff: its chat canvas may still be there. */
      if (g_strcmp0 (event->name, "handoff") == 0 && self->handoff_link != NULL)
        {
          g_autofree char *link = g_steal_pointer (&self->handoff_link);

          open_link (self, link);
        }
      break;

    case VA_EVENT_TOPIC_ENDED:
    default:
      break;
    }
}

static void
conversation_busy_changed (VaConversation *conversation,
                           GParamSpec     *pspec,
                           VaTestChat     *self)
{
  if (self->choices != NULL)
    gtk_widget_set_sensitive (self->choices, !va_conversation_get_busy (conversation));
  update_sensitivity (self);
}

static void
conversation_state_changed (VaConversation *conversation,
                            GParamSpec     *pspec,
                            VaTestChat     *self)
{
  gtk_entry_set_placeholder_text (self->entry,
                                  va_conversation_get_state (conversation) ==
                                  VA_CONVERSATION_STATE_HANDED_OFF
                                  ? _("Message the live agent") : _("Message the bot"));
}

/* }}} */
/* {{{ Conversation */

static void
recognizer_built (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* Until now the recognizer answered from its index alone; nothing to do but finish. */
  if (!va_recognizer_build_finish (VA_RECOGNIZER (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Training the recognizer failed: %s", error->message);
}

/* The hub built into the app: one for the process, started the first time a test chat needs
 * it, so nothing listens on a port before then. */
static VaHub *
shared_hub (GError **error)
{
  static VaHub *hub;

  if (hub == NULL)
    hub = va_hub_new ();
  if (!va_hub_is_running (hub) && !va_hub_start (hub, error))
    return NULL;
  return hub;
}

/* A new bot uses the built-in hub (its settings say so) until its author sets a hub of their own. */
static gboolean
uses_builtin_hub (VaBot *bot)
{
  return va_bot_get_test_hub (bot);
}

static void
stop_conversation (VaTestChat *self)
{
  if (self->build_cancellable != NULL)
    g_cancellable_cancel (self->build_cancellable);
  g_clear_object (&self->build_cancellable);
  g_clear_pointer (&self->recorder, va_script_recorder_free);
  if (self->conversation != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->conversation, self);
      if (self->hub != NULL)
        va_hub_detach (self->hub, self->conversation);
      va_conversation_cancel (self->conversation);
      g_clear_object (&self->conversation);
    }
  g_clear_object (&self->hub);
  self->awaiting_hub = FALSE;
}

/**
 * va_test_chat_restart:
 * @self: a test chat
 *
 * Clears the chat and starts a new conversation with the bot as it is now, with a new
 * recognizer of its topics: the greeting appears.
 */
void
va_test_chat_restart (VaTestChat *self)
{
  g_autoptr(VaRecognizer) recognizer = NULL;

  g_return_if_fail (VA_IS_TEST_CHAT (self));

  stop_conversation (self);
  va_chat_list_clear (self->messages);
  retire_choices (self);
  self->last_sender = VA_CHAT_SENDER_NONE;
  self->follow = TRUE;
  g_clear_pointer (&self->last_user_text, g_free);
  g_clear_pointer (&self->first_topic_id, g_free);
  g_clear_pointer (&self->handoff_link, g_free);
  reset_recognition (self);

  if (self->bot != NULL)
    {
      self->build_cancellable = g_cancellable_new ();
      recognizer = va_recognizer_new (va_bot_get_language (self->bot));
      va_bot_recognizer_populate (recognizer, self->bot);
      va_recognizer_build_async (recognizer, self->build_cancellable, recognizer_built, NULL);

      self->conversation = va_conversation_new (self->bot, recognizer);
      self->recorder = va_script_recorder_new (self->conversation);
      if (uses_builtin_hub (self->bot))
        {
          g_autoptr(GError) error = NULL;
          VaHub *hub = shared_hub (&error);

          if (hub != NULL)
            {
              self->hub = g_object_ref (hub);
              va_hub_attach (hub, self->conversation);
            }
          else
            {
              g_autofree char *text = g_strdup_printf (_("The built-in test hub could not start: %s"),
                                                       error->message);
              show_error_in_chat (self, text);
            }
        }
      g_signal_connect (self->conversation, "event", G_CALLBACK (on_event), self);
      g_signal_connect (self->conversation, "notify::busy",
                        G_CALLBACK (conversation_busy_changed), self);
      g_signal_connect (self->conversation, "notify::state",
                        G_CALLBACK (conversation_state_changed), self);
    }
  refresh_variables (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONVERSATION]);

  if (self->conversation != NULL)
    {
      va_conversation_start (self->conversation);
      conversation_state_changed (self->conversation, NULL, self);
    }
  update_sensitivity (self);
}

/**
 * va_test_chat_send:
 * @self: a test chat
 * @text: what the user says
 *
 * Sends @text as the user, as if typed in the entry (it joins the entry's history).
 */
void
va_test_chat_send (VaTestChat *self,
                   const char *text)
{
  g_autofree char *message = NULL;

  g_return_if_fail (VA_IS_TEST_CHAT (self));
  g_return_if_fail (text != NULL);

  if (self->conversation == NULL)
    return;
  message = g_strstrip (g_strdup (text));
  if (message[0] == '\0')
    return;

  if (self->history->len == 0 ||
      g_strcmp0 (g_ptr_array_index (self->history, self->history->len - 1), message) != 0)
    g_ptr_array_add (self->history, g_strdup (message));
  self->history_pos = self->history->len;
  g_clear_pointer (&self->history_draft, g_free);
  self->follow = TRUE;
  va_conversation_send (self->conversation, message);
}

/* }}} */
/* {{{ Saving the transcript */

typedef struct
{
  VaTestChat *self;
  GBytes     *contents;
} SaveRequest;

static void
save_request_free (SaveRequest *request)
{
  g_clear_object (&request->self);
  g_clear_pointer (&request->contents, g_bytes_unref);
  g_free (request);
}

static void
toast (VaTestChat *self,
       const char *text)
{
  AdwToast *message;

  if (self->toast_overlay == NULL)
    return;
  message = adw_toast_new (text);
  adw_toast_set_timeout (message, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, message);
}

static void
transcript_written (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  SaveRequest *request = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (G_FILE (source));
  g_autofree char *text = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          text = g_strdup_printf (_("Could not save the test: %s"), error->message);
          toast (request->self, text);
        }
    }
  else
    {
      /* Translators: %s is a file name. */
      text = g_strdup_printf (_("Saved the test as “%s”"), name);
      toast (request->self, text);
    }
  save_request_free (request);
}

/**
 * va_test_chat_save_transcript_to:
 * @self: a test chat
 * @file: where to write the transcript script
 *
 * Writes the conversation so far to @file, without blocking, and says in a toast how it went.
 */
void
va_test_chat_save_transcript_to (VaTestChat *self,
                                 GFile      *file)
{
  g_autofree char *text = va_test_chat_get_transcript (self);
  SaveRequest *request;
  gsize length;

  g_return_if_fail (G_IS_FILE (file));

  if (text == NULL)
    return;
  length = strlen (text);
  request = g_new0 (SaveRequest, 1);
  request->self = g_object_ref (self);
  request->contents = g_bytes_new_take (g_steal_pointer (&text), length);
  g_file_replace_contents_bytes_async (file, request->contents, NULL, FALSE,
                                       G_FILE_CREATE_REPLACE_DESTINATION, self->cancellable,
                                       transcript_written, request);
}

static GtkFileFilter *
chat_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Test Conversations"));
  gtk_file_filter_add_pattern (filter, "*.chat");
  return filter;
}

static char *
suggested_name (VaTestChat *self)
{
  return g_strdup_printf ("%s.chat", self->first_topic_id != NULL ? self->first_topic_id
                                                                  : "conversation");
}

#if GTK_CHECK_VERSION (4, 10, 0)

static void
save_dialog_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(VaTestChat) self = user_data;
  g_autoptr(GFile) file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (source), result, NULL);

  if (file != NULL)
    va_test_chat_save_transcript_to (self, file);
}

static void
choose_file (VaTestChat *self)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr(GtkFileFilter) filter = chat_filter ();
  g_autofree char *name = suggested_name (self);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  g_list_store_append (filters, filter);
  gtk_file_dialog_set_title (dialog, _("Save as Test"));
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
  gtk_file_dialog_set_default_filter (dialog, filter);
  gtk_file_dialog_set_initial_name (dialog, name);
  gtk_file_dialog_set_modal (dialog, TRUE);
  gtk_file_dialog_save (dialog, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                        self->cancellable, save_dialog_done, g_object_ref (self));
}

#else

static void
chooser_response (GtkNativeDialog *native,
                  int              response,
                  VaTestChat      *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (file != NULL)
        va_test_chat_save_transcript_to (self, file);
    }
  g_object_unref (native);
  g_object_unref (self);
}

static void
choose_file (VaTestChat *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *native =
    gtk_file_chooser_native_new (_("Save as Test"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                 GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), NULL);
  g_autoptr(GtkFileFilter) filter = chat_filter ();
  g_autofree char *name = suggested_name (self);

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  g_signal_connect (native, "response", G_CALLBACK (chooser_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

#endif

/* }}} */
/* {{{ Actions */

static void
restart_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  va_test_chat_restart (VA_TEST_CHAT (widget));
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  VaTestChat *self = VA_TEST_CHAT (widget);
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry)));

  if (self->conversation == NULL || va_conversation_get_busy (self->conversation))
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  va_test_chat_send (self, text);
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  va_test_chat_send (VA_TEST_CHAT (widget), g_variant_get_string (parameter, NULL));
}

static void
show_node_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  const char *topic_id, *node_id;

  g_variant_get (parameter, "(&s&s)", &topic_id, &node_id);
  g_signal_emit (widget, signals[SIGNAL_NODE_REACHED], 0, topic_id, node_id);
}

static void
link_opened (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(VaTestChat) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!va_uri_opener_open_finish (result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *text = g_strdup_printf (_("The link could not be opened: %s"),
                                               error->message);

      show_error_in_chat (self, text);
    }
}

static void
open_link (VaTestChat *self,
           const char *uri)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  va_uri_opener_open (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri,
                      self->bot != NULL ? va_bot_get_id (self->bot) : NULL,
                      self->cancellable, link_opened, g_object_ref (self));
}

static void
open_link_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  open_link (VA_TEST_CHAT (widget), g_variant_get_string (parameter, NULL));
}

static void
open_settings_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  g_signal_emit (widget, signals[SIGNAL_OPEN_SETTINGS], 0);
}

static void
save_transcript_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  VaTestChat *self = VA_TEST_CHAT (widget);

  if (self->recorder != NULL)
    choose_file (self);
}

/* }}} */
/* {{{ The entry */

static void
set_entry_text (VaTestChat *self,
                const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text != NULL ? text : "");
  gtk_editable_set_position (GTK_EDITABLE (self->entry), -1);
}

/* Up and Down walk what was sent, like a shell; Escape clears what is typed. */
static gboolean
entry_key_pressed (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   VaTestChat            *self)
{
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return GDK_EVENT_PROPAGATE;

  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      if (self->history_pos == 0)
        return self->history->len > 0 ? GDK_EVENT_STOP : GDK_EVENT_PROPAGATE;
      if (self->history_pos == self->history->len)
        {
          g_free (self->history_draft);
          self->history_draft = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry)));
        }
      self->history_pos--;
      set_entry_text (self, g_ptr_array_index (self->history, self->history_pos));
      return GDK_EVENT_STOP;

    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      if (self->history_pos >= self->history->len)
        return GDK_EVENT_PROPAGATE;
      self->history_pos++;
      set_entry_text (self, self->history_pos == self->history->len
                            ? self->history_draft
                            : g_ptr_array_index (self->history, self->history_pos));
      return GDK_EVENT_STOP;

    case GDK_KEY_Escape:
      if (gtk_editable_get_text (GTK_EDITABLE (self->entry))[0] == '\0')
        return GDK_EVENT_PROPAGATE;
      set_entry_text (self, "");
      self->history_pos = self->history->len;
      g_clear_pointer (&self->history_draft, g_free);
      return GDK_EVENT_STOP;

    default:
      return GDK_EVENT_PROPAGATE;
    }
}

static void
entry_changed (GtkEditable *editable,
               VaTestChat  *self)
{
  update_sensitivity (self);
}

static void
entry_activated (GtkEntry   *entry,
                 VaTestChat *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "chat.send", NULL);
}

/* }}} */
/* {{{ GObject */

static void
track_changed (VaTestChat *self)
{
  const char *topic_id, *node_id;

  /* Turned on mid-conversation: show where it is now. */
  if (!self->track || self->conversation == NULL)
    return;
  topic_id = va_conversation_get_topic_id (self->conversation);
  node_id = va_conversation_get_node_id (self->conversation);
  if (topic_id != NULL && node_id != NULL)
    g_signal_emit (self, signals[SIGNAL_NODE_REACHED], 0, topic_id, node_id);
}

static void
va_test_chat_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (va_test_chat_parent_class)->root (widget);
  va_test_chat_load_style (gtk_widget_get_display (widget));
}

static void
va_test_chat_map (GtkWidget *widget)
{
  VaTestChat *self = VA_TEST_CHAT (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (va_test_chat_parent_class)->map (widget);
  /* Typing is what the panel is for; and a selectable bubble must not take the first focus. */
  root = gtk_widget_get_root (widget);
  if (root != NULL && (gtk_root_get_focus (root) == NULL ||
                       gtk_widget_is_ancestor (gtk_root_get_focus (root), widget)))
    gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

static void
va_test_chat_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  VaTestChat *self = VA_TEST_CHAT (object);

  switch (prop_id)
    {
    case PROP_BOT:
      g_value_set_object (value, self->bot);
      break;
    case PROP_TRACK:
      g_value_set_boolean (value, self->track);
      break;
    case PROP_CONVERSATION:
      g_value_set_object (value, self->conversation);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
va_test_chat_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  VaTestChat *self = VA_TEST_CHAT (object);

  switch (prop_id)
    {
    case PROP_BOT:
      va_test_chat_set_bot (self, g_value_get_object (value));
      break;
    case PROP_TRACK:
      va_test_chat_set_track (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
va_test_chat_dispose (GObject *object)
{
  VaTestChat *self = VA_TEST_CHAT (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->scroll_idle, g_source_remove);
  stop_conversation (self);
  g_clear_weak_pointer (&self->choices);
  gtk_widget_dispose_template (GTK_WIDGET (self), VA_TYPE_TEST_CHAT);
  g_clear_object (&self->bot);

  G_OBJECT_CLASS (va_test_chat_parent_class)->dispose (object);
}

static void
va_test_chat_finalize (GObject *object)
{
  VaTestChat *self = VA_TEST_CHAT (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->history, g_ptr_array_unref);
  g_free (self->history_draft);
  g_free (self->last_user_text);
  g_free (self->first_topic_id);
  g_free (self->handoff_link);

  G_OBJECT_CLASS (va_test_chat_parent_class)->finalize (object);
}

static void
va_test_chat_class_init (VaTestChatClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = va_test_chat_get_property;
  object_class->set_property = va_test_chat_set_property;
  object_class->dispose = va_test_chat_dispose;
  object_class->finalize = va_test_chat_finalize;
  widget_class->root = va_test_chat_root;
  widget_class->map = va_test_chat_map;

  properties[PROP_BOT] =
    g_param_spec_object ("bot", NULL, NULL, VA_TYPE_BOT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * VaTestChat:track:
   *
   * Whether every step of the conversation emits #VaTestChat::node-reached, so that the
   * canvas follows it ("Track between topics").
   */
  properties[PROP_TRACK] =
    g_param_spec_boolean ("track", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONVERSATION] =
    g_param_spec_object ("conversation", NULL, NULL, VA_TYPE_CONVERSATION,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VaTestChat::node-reached:
   * @topic_id: the topic
   * @node_id: the node
   *
   * The conversation reached a node while #VaTestChat:track is on, or the user clicked a bot
   * message to see the node that said it.
   */
  signals[SIGNAL_NODE_REACHED] =
    g_signal_new ("node-reached", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  /**
   * VaTestChat::open-settings:
   *
   * The user asked for the bot settings, to set the engagement hub link.
   */
  signals[SIGNAL_OPEN_SETTINGS] =
    g_signal_new ("open-settings", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "chat.restart", NULL, restart_action);
  gtk_widget_class_install_action (widget_class, "chat.send", NULL, send_action);
  gtk_widget_class_install_action (widget_class, "chat.choose", "s", choose_action);
  gtk_widget_class_install_action (widget_class, "chat.show-node", "(ss)", show_node_action);
  gtk_widget_class_install_action (widget_class, "chat.open-link", "s", open_link_action);
  gtk_widget_class_install_action (widget_class, "chat.open-settings", NULL, open_settings_action);
  gtk_widget_class_install_action (widget_class, "chat.save-transcript", NULL,
                                   save_transcript_action);
  /* Class shortcuts only fire while the focus is inside the panel. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "chat.restart", NULL);

  g_type_ensure (ADW_TYPE_TOAST_OVERLAY);
  gtk_widget_class_set_css_name (widget_class, "vatestchat");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/VirtualAgent/ui/va-test-chat.ui");
  gtk_widget_class_bind_template_child (widget_class, VaTestChat, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, VaTestChat, details_button);
  gtk_widget_class_bind_template_child (widget_class, VaTestChat, track_switch);
  gtk_widget_class_bind_template_child (widget_class, VaTestChat, paned);
  gtk_widget_class_bind_template_child (widget_class, VaTestChat, scroller);
  gtk_widget_class_bind_template_child (widget_class, VaTestChat, messages);
  gtk_widget_class_bind_template_child (widget_class, VaTestChat, details);
  gtk_widget_class_bind_template_child (widget_class, VaTestChat, recognition_said);
  gtk_widget_class_bind_template_child (widget_class, VaTestChat, recognition_decision);
  gtk_widget_class_bind_template_child (widget_class, VaTestChat, recognition_list);
  gtk_widget_class_bind_template_child (widget_class, VaTestChat, variables_empty);
  gtk_widget_class_bind_template_child (widget_class, VaTestChat, variables_list);
  gtk_widget_class_bind_template_child (widget_class, VaTestChat, entry);
  gtk_widget_class_bind_template_child (widget_class, VaTestChat, spinner);
}

/* Shown: give the details their height, up to about half of the panel. */
static void
details_toggled (GtkToggleButton *button,
                 VaTestChat      *self)
{
  int height = gtk_widget_get_height (GTK_WIDGET (self->paned));
  int natural = 0;

  if (!gtk_toggle_button_get_active (button) || height <= 0)
    return;
  gtk_widget_measure (self->details, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (self->details),
                      NULL, &natural, NULL, NULL);
  natural = MIN (MAX (natural, 240), height / 2);
  gtk_paned_set_position (self->paned, height - natural);
}

static void
messages_row_activated (GtkListBox    *list,
                        GtkListBoxRow *row,
                        VaTestChat    *self)
{
  const char *topic_id = g_object_get_data (G_OBJECT (row), "topic-id");
  const char *node_id = g_object_get_data (G_OBJECT (row), "node-id");

  if (topic_id != NULL && node_id != NULL)
    g_signal_emit (self, signals[SIGNAL_NODE_REACHED], 0, topic_id, node_id);
}

static void
va_test_chat_init (VaTestChat *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkAdjustment *adjustment;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->history = g_ptr_array_new_with_free_func (g_free);
  self->follow = TRUE;

  g_object_bind_property (self, "track", self->track_switch, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  /* Before the entry's own handling, which would move the focus on Up and Down. */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (entry_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), keys);
  g_signal_connect (self->entry, "activate", G_CALLBACK (entry_activated), self);
  g_signal_connect (self->entry, "changed", G_CALLBACK (entry_changed), self);
  g_signal_connect (self->messages, "row-activated", G_CALLBACK (messages_row_activated), self);
  g_signal_connect_after (self->details_button, "toggled", G_CALLBACK (details_toggled), self);

  adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  g_signal_connect (adjustment, "notify::upper", G_CALLBACK (adjustment_changed), self);
  g_signal_connect (adjustment, "notify::page-size", G_CALLBACK (adjustment_changed), self);
  g_signal_connect (adjustment, "value-changed", G_CALLBACK (adjustment_value_changed), self);

  reset_recognition (self);
  refresh_variables (self);
  update_sensitivity (self);
}

/* }}} */
/* {{{ Public API */

/**
 * va_test_chat_new:
 * @bot: (nullable): the bot to test
 *
 * Returns: (transfer floating): a test chat, already greeted by @bot
 */
GtkWidget *
va_test_chat_new (VaBot *bot)
{
  g_return_val_if_fail (bot == NULL || VA_IS_BOT (bot), NULL);

  return g_object_new (VA_TYPE_TEST_CHAT, "bot", bot, NULL);
}

/**
 * va_test_chat_get_bot:
 * @self: a test chat
 *
 * Returns: (transfer none) (nullable): the bot under test
 */
VaBot *
va_test_chat_get_bot (VaTestChat *self)
{
  g_return_val_if_fail (VA_IS_TEST_CHAT (self), NULL);

  return self->bot;
}

/**
 * va_test_chat_set_bot:
 * @self: a test chat
 * @bot: (nullable): the bot to test
 *
 * Tests another bot (one that was opened): the chat restarts with it.
 */
void
va_test_chat_set_bot (VaTestChat *self,
                      VaBot      *bot)
{
  g_return_if_fail (VA_IS_TEST_CHAT (self));
  g_return_if_fail (bot == NULL || VA_IS_BOT (bot));

  if (!g_set_object (&self->bot, bot))
    return;
  va_test_chat_restart (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BOT]);
}

/**
 * va_test_chat_get_conversation:
 * @self: a test chat
 *
 * Returns: (transfer none) (nullable): the current conversation; restarting replaces it
 */
VaConversation *
va_test_chat_get_conversation (VaTestChat *self)
{
  g_return_val_if_fail (VA_IS_TEST_CHAT (self), NULL);

  return self->conversation;
}

gboolean
va_test_chat_get_track (VaTestChat *self)
{
  g_return_val_if_fail (VA_IS_TEST_CHAT (self), FALSE);

  return self->track;
}

void
va_test_chat_set_track (VaTestChat *self,
                        gboolean    track)
{
  g_return_if_fail (VA_IS_TEST_CHAT (self));

  track = !!track;
  if (self->track == track)
    return;
  self->track = track;
  track_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRACK]);
}

/**
 * va_test_chat_get_transcript:
 * @self: a test chat
 *
 * Returns: (transfer full) (nullable): the current conversation as a transcript script (with its
 *   seed, clock and web mocks), ready to replay with va_script_run(); %NULL without a bot
 */
char *
va_test_chat_get_transcript (VaTestChat *self)
{
  g_return_val_if_fail (VA_IS_TEST_CHAT (self), NULL);

  if (self->recorder == NULL)
    return NULL;
  return va_script_to_string (va_script_recorder_get (self->recorder));
}

GtkListBox *
va_test_chat_get_message_list (VaTestChat *self)
{
  return self->messages;
}

GtkListBox *
va_test_chat_get_recognition_list (VaTestChat *self)
{
  return self->recognition_list;
}

GtkLabel *
va_test_chat_get_recognition_decision (VaTestChat *self)
{
  return self->recognition_decision;
}

GtkListBox *
va_test_chat_get_variables_list (VaTestChat *self)
{
  return self->variables_list;
}

GtkEntry *
va_test_chat_get_entry (VaTestChat *self)
{
  return self->entry;
}

GtkToggleButton *
va_test_chat_get_details_button (VaTestChat *self)
{
  return self->details_button;
}

/* }}} */
