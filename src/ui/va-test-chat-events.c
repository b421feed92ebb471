/* va-test-chat-events.c — the conversation's events, as rows of the test chat
 *
 * The panel reads one stream, the conversation's "event" signal (the same one the command line's
 * chat prints), and turns each event into a row: bubbles for what the user, the bot and the human
 * agent say, small notices for topics, errors and the end. The handoff's rows are made in
 * va-test-chat-handoff.c, the details pane is filled in va-test-chat-details.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "va-test-chat-private.h"

void
va_test_chat_append_row (VaTestChat   *self,
                         GtkWidget    *row,
                         VaChatSender  sender)
{
  gtk_list_box_append (self->messages, row);
  self->last_sender = sender;
}

void
va_test_chat_add_notice (VaTestChat   *self,
                         VaChatNotice  kind,
                         const char   *text,
                         const char   *detail)
{
  /* A topic notice between two bot messages does not make the bot introduce itself again. */
  va_test_chat_append_row (self, va_chat_notice_row_new (kind, text, detail),
                           kind == VA_CHAT_NOTICE_TOPIC ? self->last_sender
                                                        : VA_CHAT_SENDER_NONE);
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
  va_test_chat_append_row (self, row, sender);
  return row;
}

/* Answers to an old question make no sense any more. */
void
va_test_chat_retire_choices (VaTestChat *self)
{
  if (self->choices != NULL)
    gtk_widget_set_sensitive (self->choices, FALSE);
  g_clear_weak_pointer (&self->choices);
}

void
va_test_chat_show_error (VaTestChat *self,
                         const char *text)
{
  /* A late answer (a link that failed to open) after the panel went away. */
  if (self->messages == NULL)
    return;
  va_test_chat_add_notice (self, VA_CHAT_NOTICE_ERROR, text, NULL);
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
        va_test_chat_add_notice (self, VA_CHAT_NOTICE_INFO, _("New conversation"), NULL);
      break;

    case VA_EVENT_USER_MESSAGE:
      va_test_chat_retire_choices (self);
      g_free (self->last_user_text);
      self->last_user_text = g_strdup (event->text);
      self->follow = TRUE;
      add_message (self, VA_CHAT_SENDER_USER, event->text);
      va_test_chat_recognition_for_message (self, event->text != NULL ? event->text : "");
      break;

    case VA_EVENT_RECOGNIZED:
      va_test_chat_show_recognition (self, event);
      break;

    case VA_EVENT_TOPIC_STARTED:
      if (self->first_topic_id == NULL && g_strcmp0 (event->name, "trigger") == 0)
        self->first_topic_id = g_strdup (event->topic_id);
      va_test_chat_add_notice (self, VA_CHAT_NOTICE_TOPIC,
                               event->topic_name != NULL ? event->topic_name : event->topic_id,
                               NULL);
      break;

    case VA_EVENT_NODE_ENTERED:
      if (self->track && event->topic_id != NULL && event->node_id != NULL)
        va_test_chat_node_reached (self, event->topic_id, event->node_id);
      break;

    case VA_EVENT_BOT_MESSAGE:
      row = add_message (self, VA_CHAT_SENDER_BOT, event->text);
      if (event->topic_id != NULL && event->node_id != NULL)
        va_chat_message_row_set_node (row, event->topic_id, event->node_id);
      if (event->choices != NULL && event->choices[0] != NULL)
        {
          const char * const *choices = (const char * const *) event->choices;

          va_test_chat_retire_choices (self);
          g_set_weak_pointer (&self->choices, va_chat_message_row_add_choices (row, choices));
          gtk_widget_set_sensitive (self->choices,
                                    !va_conversation_get_busy (self->conversation));
        }
      break;

    case VA_EVENT_VARIABLE_CHANGED:
      va_test_chat_refresh_variables (self);
      break;

    case VA_EVENT_ACTION:
      /* "GET https://… failed: why", already in plain words. */
      if (g_strcmp0 (event->name, "failed") == 0)
        va_test_chat_show_error (self, event->text);
      else if (g_strcmp0 (event->name, "started") == 0)
        va_test_chat_add_notice (self, VA_CHAT_NOTICE_INFO, event->text, NULL);
      break;

    case VA_EVENT_HANDOFF:
      va_test_chat_retire_choices (self);
      va_test_chat_show_handoff (self, event);
      break;

    case VA_EVENT_HANDOFF_STATUS:
      va_test_chat_show_handoff_status (self, event);
      break;

    case VA_EVENT_AGENT_MESSAGE:
      add_message (self, VA_CHAT_SENDER_AGENT, event->text);
      break;

    case VA_EVENT_CONVERSATION_ENDED:
      va_test_chat_retire_choices (self);
      va_test_chat_add_notice (self, VA_CHAT_NOTICE_INFO, outcome_text (event->name),
                               _("The next message starts a new conversation."));
      break;

    case VA_EVENT_ERROR:
      va_test_chat_add_notice (self, VA_CHAT_NOTICE_ERROR, event->text, event->name);
      /* The hub did not take the handoff: its chat canvas may still be there. */
      if (g_strcmp0 (event->name, "handoff") == 0 && self->handoff_link != NULL)
        {
          g_autofree char *link = g_steal_pointer (&self->handoff_link);

          va_test_chat_open_link (self, link);
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
  va_test_chat_update_sensitivity (self);
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

/* Follows @self->conversation: its events, and its busy and handed-off states. */
void
va_test_chat_watch_conversation (VaTestChat *self)
{
  g_signal_connect (self->conversation, "event", G_CALLBACK (on_event), self);
  g_signal_connect (self->conversation, "notify::busy",
                    G_CALLBACK (conversation_busy_changed), self);
  g_signal_connect (self->conversation, "notify::state",
                    G_CALLBACK (conversation_state_changed), self);
}

/* "Message the bot", or the live agent after a handoff. */
void
va_test_chat_update_placeholder (VaTestChat *self)
{
  conversation_state_changed (self->conversation, NULL, self);
}
