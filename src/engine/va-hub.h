/* va-hub.h — the built-in local engagement hub
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How the app and the CLI use it:
 *
 *   hub = va_hub_new ();
 *   va_hub_start (hub, &error);           // 127.0.0.1, a free port
 *   va_hub_attach (hub, conversation);    // its handoffs now go to the hub
 *
 * On a handoff the conversation emits VA_EVENT_HANDOFF, then VA_EVENT_HANDOFF_STATUS "accepted"
 * whose data (a JSON string) is the agent page's address, token included: open it in the
 * browser. The agent's messages and decisions come back as VA_EVENT_AGENT_MESSAGE and
 * VA_EVENT_HANDOFF_STATUS events; "completed" or "failed" gives the conversation to the bot.
 */
#pragma once

#include <gio/gio.h>

#include "va-conversation.h"

G_BEGIN_DECLS

/* Limits of what the hub accepts: a hostile local client cannot make it grow without end. */
#define VA_HUB_MAX_HANDOFF_BODY  (1024 * 1024) /* POST /handoff: the activity with its transcript */
#define VA_HUB_MAX_API_BODY      (64 * 1024)   /* every other request */
#define VA_HUB_MAX_CONVERSATIONS 64
#define VA_HUB_MAX_MESSAGES      2000          /* per conversation, transcript included */
#define VA_HUB_MAX_TEXT          4000          /* characters of one message; longer ones are cut */
#define VA_HUB_DEFAULT_POLL_MS   25000         /* how long GET /c/ID/events waits for news */

#define VA_TYPE_HUB (va_hub_get_type ())
G_DECLARE_FINAL_TYPE (VaHub, va_hub, VA, HUB, GObject)

VaHub      *va_hub_new                (void);
void        va_hub_set_port           (VaHub          *self,
                                       guint           port);
void        va_hub_set_poll_timeout   (VaHub          *self,
                                       guint           milliseconds);
gboolean    va_hub_start              (VaHub          *self,
                                       GError        **error);
void        va_hub_stop               (VaHub          *self);
gboolean    va_hub_is_running         (VaHub          *self);
const char *va_hub_get_url            (VaHub          *self);
char       *va_hub_get_webhook_url    (VaHub          *self);
char       *va_hub_get_chat_url       (VaHub          *self,
                                       const char     *conversation_id);
guint       va_hub_get_n_conversations (VaHub         *self);
gboolean    va_hub_post_user_message  (VaHub          *self,
                                       const char     *conversation_id,
                                       const char     *text);

void        va_hub_attach             (VaHub          *self,
                                       VaConversation *conversation);
void        va_hub_detach             (VaHub          *self,
                                       VaConversation *conversation);

G_END_DECLS
