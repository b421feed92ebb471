/* va-hub.c — the built-in local engagement hub: its life, public API and signals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A handoff works on a fresh machine with nothing configured: the hub is a SoupServer on
 * 127.0.0.1 that takes the handoff.initiate activity like any engagement hub, and serves the
 * author, who plays the human agent, a chat page in the browser. Each conversation has a page
 * address with an unguessable token; the page talks to a small JSON API under the same address
 * (va-hub-routes.c) and learns of the user's messages by long polling (va-hub-poll.c). Everything
 * runs on the main context of the caller: a waiting poll is a paused SoupServerMessage, never a
 * blocked loop. The conversations the hub keeps are in va-hub-conversations.c.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "va-hub-private.h"

G_DEFINE_FINAL_TYPE (VaHub, va_hub, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_URL,
  N_PROPS
};

enum {
  SIGNAL_HANDOFF,
  SIGNAL_AGENT_MESSAGE,
  SIGNAL_STATUS,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* {{{ GObject */

static void
va_hub_dispose (GObject *object)
{
  VaHub *self = VA_HUB (object);

  va_hub_stop (self);
  va_hub_attach_clear (self);

  G_OBJECT_CLASS (va_hub_parent_class)->dispose (object);
}

static void
va_hub_finalize (GObject *object)
{
  VaHub *self = VA_HUB (object);

  g_clear_pointer (&self->by_conversation, g_hash_table_unref);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->attached, g_ptr_array_unref);
  g_clear_pointer (&self->page_parts, g_strfreev);

  G_OBJECT_CLASS (va_hub_parent_class)->finalize (object);
}

static void
va_hub_get_property (GObject    *object,
                     guint       prop_id,
                     GValue     *value,
                     GParamSpec *pspec)
{
  VaHub *self = VA_HUB (object);

  switch (prop_id)
    {
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
va_hub_class_init (VaHubClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = va_hub_dispose;
  object_class->finalize = va_hub_finalize;
  object_class->get_property = va_hub_get_property;

  /**
   * VaHub:url:
   *
   * "http://127.0.0.1:PORT/" while the hub runs, else %NULL.
   */
  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VaHub::handoff:
   * @conversation_id: the va_ConversationId of the handoff
   * @chat_url: the agent's page for it, with its token
   *
   * A handoff arrived.
   */
  signals[SIGNAL_HANDOFF] =
    g_signal_new ("handoff", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  /**
   * VaHub::agent-message:
   * @conversation_id: the va_ConversationId of the handoff
   * @text: what the agent wrote on the page
   */
  signals[SIGNAL_AGENT_MESSAGE] =
    g_signal_new ("agent-message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  /**
   * VaHub::status:
   * @conversation_id: the va_ConversationId of the handoff
   * @state: "accepted", "completed" or "failed"
   * @message: (nullable): the agent's note
   */
  signals[SIGNAL_STATUS] =
    g_signal_new ("status", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);
}

static void
va_hub_init (VaHub *self)
{
  self->poll_ms = VA_HUB_DEFAULT_POLL_MS;
  self->by_id = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                       (GDestroyNotify) va_hub_conversation_free);
  self->by_conversation = g_hash_table_new (g_str_hash, g_str_equal);
}

/* }}} */
/* {{{ Public API */

/**
 * va_hub_new:
 *
 * Returns: (transfer full): a hub that does not listen yet; see va_hub_start()
 */
VaHub *
va_hub_new (void)
{
  return g_object_new (VA_TYPE_HUB, NULL);
}

/**
 * va_hub_set_port:
 * @self: a hub
 * @port: the TCP port on 127.0.0.1, or 0 for a free one (the default)
 *
 * Takes effect at the next va_hub_start().
 */
void
va_hub_set_port (VaHub *self,
                 guint  port)
{
  g_return_if_fail (VA_IS_HUB (self));
  g_return_if_fail (port <= 65535);
  self->port = port;
}

/**
 * va_hub_set_poll_timeout:
 * @self: a hub
 * @milliseconds: how long a page's poll for news waits before it is answered empty; 0 for the
 *   default, %VA_HUB_DEFAULT_POLL_MS
 */
void
va_hub_set_poll_timeout (VaHub *self,
                         guint  milliseconds)
{
  g_return_if_fail (VA_IS_HUB (self));
  self->poll_ms = milliseconds > 0 ? milliseconds : VA_HUB_DEFAULT_POLL_MS;
}

/**
 * va_hub_start:
 * @self: a hub
 * @error: return location for a #GIOError (the port is taken, for instance)
 *
 * Listens on 127.0.0.1 only: other machines never reach the hub. Serves on the thread-default
 * main context of the caller. Starting a running hub does nothing.
 *
 * Returns: %TRUE when the hub listens
 */
gboolean
va_hub_start (VaHub   *self,
              GError **error)
{
  g_autoptr(SoupServer) server = NULL;
  GSList *uris;
  guint port;

  g_return_val_if_fail (VA_IS_HUB (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->server != NULL)
    return TRUE;
  if (self->page_parts == NULL && !va_hub_load_page (self, error))
    return FALSE;

  server = soup_server_new (NULL, NULL);
  soup_server_add_early_handler (server, NULL, va_hub_check_early, self, NULL);
  soup_server_add_handler (server, NULL, va_hub_handle_request, self, NULL);
  g_signal_connect (server, "request-started", G_CALLBACK (va_hub_watch_request), self);
  if (!soup_server_listen_local (server, self->port, SOUP_SERVER_LISTEN_IPV4_ONLY, error))
    return FALSE;

  uris = soup_server_get_uris (server);
  port = uris != NULL ? (guint) g_uri_get_port (uris->data) : 0;
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  if (port == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("The local engagement hub could not find its port."));
      soup_server_disconnect (server);
      return FALSE;
    }

  self->server = g_steal_pointer (&server);
  self->origin = g_strdup_printf ("http://127.0.0.1:%u", port);
  self->url = g_strdup_printf ("%s/", self->origin);
  self->host = g_strdup_printf ("127.0.0.1:%u", port);
  self->host_alias = g_strdup_printf ("localhost:%u", port);
  va_hub_attach_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URL]);
  return TRUE;
}

/**
 * va_hub_stop:
 * @self: a hub
 *
 * Stops listening, closes every connection and forgets every conversation (their pages stop
 * working). Attached conversations post their next handoff to the bot's own webhook again, until
 * the hub starts again.
 */
void
va_hub_stop (VaHub *self)
{
  g_autoptr(SoupServer) server = NULL;

  g_return_if_fail (VA_IS_HUB (self));

  if (self->server == NULL)
    return;
  server = g_steal_pointer (&self->server);
  g_signal_handlers_disconnect_by_data (server, self);
  soup_server_remove_handler (server, NULL);
  g_hash_table_remove_all (self->by_conversation);
  g_hash_table_remove_all (self->by_id);
  soup_server_disconnect (server);

  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->origin, g_free);
  g_clear_pointer (&self->host, g_free);
  g_clear_pointer (&self->host_alias, g_free);
  va_hub_attach_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URL]);
}

/**
 * va_hub_is_running:
 * @self: a hub
 *
 * Returns: whether @self listens, between va_hub_start() and va_hub_stop()
 */
gboolean
va_hub_is_running (VaHub *self)
{
  g_return_val_if_fail (VA_IS_HUB (self), FALSE);
  return self->server != NULL;
}

/**
 * va_hub_get_url:
 * @self: a hub
 *
 * Returns: (nullable): "http://127.0.0.1:PORT/" while the hub runs, else %NULL
 */
const char *
va_hub_get_url (VaHub *self)
{
  g_return_val_if_fail (VA_IS_HUB (self), NULL);
  return self->url;
}

/**
 * va_hub_get_webhook_url:
 * @self: a hub
 *
 * Where a bot posts its handoff: what an external engagement hub's webhook would be.
 *
 * Returns: (transfer full) (nullable): "http://127.0.0.1:PORT/handoff", or %NULL when stopped
 */
char *
va_hub_get_webhook_url (VaHub *self)
{
  g_return_val_if_fail (VA_IS_HUB (self), NULL);
  return self->url != NULL ? g_strconcat (self->url, "handoff", NULL) : NULL;
}

/**
 * va_hub_get_chat_url:
 * @self: a hub
 * @conversation_id: a va_ConversationId that was handed off to @self
 *
 * The agent's page of the conversation, token included: whoever has it can answer as the agent.
 *
 * Returns: (transfer full) (nullable): the address, or %NULL for an unknown conversation
 */
char *
va_hub_get_chat_url (VaHub      *self,
                     const char *conversation_id)
{
  VaHubConversation *conversation;

  g_return_val_if_fail (VA_IS_HUB (self), NULL);
  g_return_val_if_fail (conversation_id != NULL, NULL);

  conversation = g_hash_table_lookup (self->by_conversation, conversation_id);
  return conversation != NULL ? va_hub_conversation_chat_url (self, conversation) : NULL;
}

/**
 * va_hub_get_n_conversations:
 * @self: a hub
 *
 * Returns: how many handoffs the hub keeps, open or finished (at most
 *   %VA_HUB_MAX_CONVERSATIONS)
 */
guint
va_hub_get_n_conversations (VaHub *self)
{
  g_return_val_if_fail (VA_IS_HUB (self), 0);
  return g_hash_table_size (self->by_id);
}

/**
 * va_hub_post_user_message:
 * @self: a hub
 * @conversation_id: the va_ConversationId of a conversation handed off to @self
 * @text: what the user wrote, cut at %VA_HUB_MAX_TEXT characters
 *
 * Shows the user's message on the agent's page (a waiting poll answers at once).
 *
 * Returns: %TRUE if the conversation is with the hub and still open
 */
gboolean
va_hub_post_user_message (VaHub      *self,
                          const char *conversation_id,
                          const char *text)
{
  VaHubConversation *conversation;

  g_return_val_if_fail (VA_IS_HUB (self), FALSE);
  g_return_val_if_fail (conversation_id != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  conversation = g_hash_table_lookup (self->by_conversation, conversation_id);
  if (conversation == NULL || va_hub_status_is_final (conversation->status))
    return FALSE;
  return va_hub_add_message (self, conversation, "user", text);
}

/* }}} */
/* {{{ Status and signals: for va-hub-routes.c, as the signals are this file's */

/* The agent changed the status on the page: tell the page's polls, then the app. */
void
va_hub_set_status (VaHub             *self,
                   VaHubConversation *conversation,
                   const char        *state,
                   const char        *message)
{
  g_autofree char *conversation_id = g_strdup (conversation->conversation_id);
  g_autofree char *text = message != NULL && message[0] != '\0' ? va_hub_cut_text (message) : NULL;

  if (g_strcmp0 (conversation->status, state) == 0)
    return;
  g_free (conversation->status);
  conversation->status = g_strdup (state);
  g_free (conversation->status_message);
  conversation->status_message = g_strdup (text);
  va_hub_wake_waiters (conversation);
  /* A handler may stop the hub, which frees @conversation: only copies are used from here. */
  g_signal_emit (self, signals[SIGNAL_STATUS], 0, conversation_id, state, text);
}

void
va_hub_emit_handoff (VaHub             *self,
                     VaHubConversation *conversation)
{
  g_autofree char *conversation_id = g_strdup (conversation->conversation_id);
  g_autofree char *url = va_hub_conversation_chat_url (self, conversation);

  g_signal_emit (self, signals[SIGNAL_HANDOFF], 0, conversation_id, url);
}

void
va_hub_emit_agent_message (VaHub             *self,
                           VaHubConversation *conversation,
                           const char        *text)
{
  g_autofree char *conversation_id = g_strdup (conversation->conversation_id);
  g_autofree char *copy = g_strdup (text);

  g_signal_emit (self, signals[SIGNAL_AGENT_MESSAGE], 0, conversation_id, copy);
}

/* }}} */
