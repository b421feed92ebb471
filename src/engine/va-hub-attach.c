/* va-hub-attach.c — a conversation handed off to the local hub, alike in the app and the CLI
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The conversation posts its handoff to the hub over HTTP, exactly as to an external engagement
 * hub (so the hub sees what a real one sees, and the conversation reads the real reply with the
 * chat address). Then the two talk in process: the user's messages go to the hub's page, the
 * agent's messages and status changes come back as the conversation's own events.
 */
#include "config.h"

#include "va-hub-private.h"

typedef struct
{
  VaHub          *hub;          /* owns the attachment */
  VaConversation *conversation; /* weak */
  gulong          event_id;
  gulong          agent_message_id;
  gulong          status_id;
  gboolean        posting;      /* the handoff POST is under way */
  GPtrArray      *queued;       /* user messages typed before the hub had the handoff */
} VaHubAttachment;

static void on_conversation_gone (gpointer data, GObject *where_the_object_was);

static void
attachment_free (VaHubAttachment *attachment)
{
  if (attachment->conversation != NULL)
    {
      g_clear_signal_handler (&attachment->event_id, attachment->conversation);
      va_conversation_set_webhook_override (attachment->conversation, NULL);
      g_object_weak_unref (G_OBJECT (attachment->conversation), on_conversation_gone, attachment);
    }
  g_clear_signal_handler (&attachment->agent_message_id, attachment->hub);
  g_clear_signal_handler (&attachment->status_id, attachment->hub);
  g_ptr_array_unref (attachment->queued);
  g_free (attachment);
}

static void
on_conversation_gone (gpointer  data,
                      GObject  *where_the_object_was)
{
  VaHubAttachment *attachment = data;

  attachment->conversation = NULL;
  attachment->event_id = 0;
  g_ptr_array_remove (attachment->hub->attached, attachment);
}

static gboolean
is_ours (VaHubAttachment *attachment,
         const char      *conversation_id)
{
  return attachment->conversation != NULL &&
         g_strcmp0 (va_conversation_get_id (attachment->conversation), conversation_id) == 0;
}

static void
on_agent_message (VaHub           *hub,
                  const char      *conversation_id,
                  const char      *text,
                  VaHubAttachment *attachment)
{
  if (is_ours (attachment, conversation_id))
    va_conversation_agent_message (attachment->conversation, text);
}

static void
on_status (VaHub           *hub,
           const char      *conversation_id,
           const char      *state,
           const char      *message,
           VaHubAttachment *attachment)
{
  if (is_ours (attachment, conversation_id))
    va_conversation_handoff_status (attachment->conversation, state, message);
}

static void
flush_queued (VaHubAttachment *attachment)
{
  g_autoptr(GPtrArray) queued = g_steal_pointer (&attachment->queued);
  const char *id = va_conversation_get_id (attachment->conversation);

  attachment->queued = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < queued->len; i++)
    va_hub_post_user_message (attachment->hub, id, g_ptr_array_index (queued, i));
}

static void
on_event (VaConversation  *conversation,
          VaEvent         *event,
          VaHubAttachment *attachment)
{
  switch (event->kind)
    {
    case VA_EVENT_CONVERSATION_STARTED:
      attachment->posting = FALSE;
      g_ptr_array_set_size (attachment->queued, 0);
      break;
    case VA_EVENT_HANDOFF:
      attachment->posting = va_hub_is_running (attachment->hub);
      break;
    case VA_EVENT_HANDOFF_STATUS:
    case VA_EVENT_ERROR:
      /* The reply to the POST (or its failure) comes as the first of these after the handoff. */
      if (attachment->posting)
        {
          attachment->posting = FALSE;
          flush_queued (attachment);
        }
      break;
    case VA_EVENT_USER_MESSAGE:
      if (va_conversation_get_state (conversation) != VA_CONVERSATION_STATE_HANDED_OFF ||
          event->text == NULL)
        break;
      if (attachment->posting)
        g_ptr_array_add (attachment->queued, g_strdup (event->text));
      else
        va_hub_post_user_message (attachment->hub, va_conversation_get_id (conversation),
                                  event->text);
      break;
    default:
      break;
    }
}

static VaHubAttachment *
find_attachment (VaHub          *self,
                 VaConversation *conversation)
{
  for (guint i = 0; self->attached != NULL && i < self->attached->len; i++)
    {
      VaHubAttachment *attachment = g_ptr_array_index (self->attached, i);

      if (attachment->conversation == conversation)
        return attachment;
    }
  return NULL;
}

/**
 * va_hub_attach:
 * @self: a hub
 * @conversation: a conversation
 *
 * Hands @conversation's handoffs to @self: while the hub runs, the handoff is POSTed to it
 * (see va_conversation_set_webhook_override()) and its reply brings the agent page's address in
 * the %VA_EVENT_HANDOFF_STATUS event's data. While handed off, the user's messages appear on the
 * page, and what the agent does there comes back as %VA_EVENT_AGENT_MESSAGE and
 * %VA_EVENT_HANDOFF_STATUS events; "completed" or "failed" gives the conversation back to the
 * bot. The hub does not keep @conversation alive; attaching twice does nothing.
 */
void
va_hub_attach (VaHub          *self,
               VaConversation *conversation)
{
  VaHubAttachment *attachment;

  g_return_if_fail (VA_IS_HUB (self));
  g_return_if_fail (VA_IS_CONVERSATION (conversation));

  if (find_attachment (self, conversation) != NULL)
    return;
  if (self->attached == NULL)
    self->attached = g_ptr_array_new_with_free_func ((GDestroyNotify) attachment_free);

  attachment = g_new0 (VaHubAttachment, 1);
  attachment->hub = self;
  attachment->conversation = conversation;
  attachment->queued = g_ptr_array_new_with_free_func (g_free);
  g_object_weak_ref (G_OBJECT (conversation), on_conversation_gone, attachment);
  attachment->event_id = g_signal_connect (conversation, "event", G_CALLBACK (on_event),
                                           attachment);
  attachment->agent_message_id = g_signal_connect (self, "agent-message",
                                                   G_CALLBACK (on_agent_message), attachment);
  attachment->status_id = g_signal_connect (self, "status", G_CALLBACK (on_status), attachment);
  g_ptr_array_add (self->attached, attachment);
  va_hub_attach_update (self);
}

/**
 * va_hub_detach:
 * @self: a hub
 * @conversation: a conversation given to va_hub_attach()
 *
 * Undoes va_hub_attach(): the next handoff goes to the bot's own webhook again.
 */
void
va_hub_detach (VaHub          *self,
               VaConversation *conversation)
{
  VaHubAttachment *attachment;

  g_return_if_fail (VA_IS_HUB (self));
  g_return_if_fail (VA_IS_CONVERSATION (conversation));

  attachment = find_attachment (self, conversation);
  if (attachment != NULL)
    g_ptr_array_remove (self->attached, attachment);
}

/* The hub started or stopped: its webhook is where attached conversations post, or nowhere. */
void
va_hub_attach_update (VaHub *self)
{
  g_autofree char *webhook = va_hub_get_webhook_url (self);

  for (guint i = 0; self->attached != NULL && i < self->attached->len; i++)
    {
      VaHubAttachment *attachment = g_ptr_array_index (self->attached, i);

      va_conversation_set_webhook_override (attachment->conversation, webhook);
    }
}

void
va_hub_attach_clear (VaHub *self)
{
  g_clear_pointer (&self->attached, g_ptr_array_unref);
}
