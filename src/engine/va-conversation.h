/* va-conversation.h — one conversation with a bot: the runtime
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "va-bot.h"
#include "va-event.h"
#include "va-recognizer.h"

G_BEGIN_DECLS

typedef enum
{
  VA_CONVERSATION_STATE_NEW,        /* not started */
  VA_CONVERSATION_STATE_WAITING,    /* waiting for the user */
  VA_CONVERSATION_STATE_BUSY,       /* an HTTP request is under way; messages queue */
  VA_CONVERSATION_STATE_HANDED_OFF, /* a human agent has it; messages go to the agent */
  VA_CONVERSATION_STATE_ENDED,      /* ended; the next message starts a new one */
} VaConversationState;

#define VA_TYPE_CONVERSATION (va_conversation_get_type ())
G_DECLARE_FINAL_TYPE (VaConversation, va_conversation, VA, CONVERSATION, GObject)

VaConversation      *va_conversation_new              (VaBot          *bot,
                                                       VaRecognizer   *recognizer);
VaBot               *va_conversation_get_bot          (VaConversation *self);
VaRecognizer        *va_conversation_get_recognizer   (VaConversation *self);
const char          *va_conversation_get_id           (VaConversation *self);
VaConversationState  va_conversation_get_state        (VaConversation *self);
gboolean             va_conversation_get_busy         (VaConversation *self);
guint                va_conversation_get_turn         (VaConversation *self);
const char          *va_conversation_get_topic_id     (VaConversation *self);
const char          *va_conversation_get_node_id      (VaConversation *self);

void                 va_conversation_set_session      (VaConversation *self,
                                                       SoupSession    *session);
void                 va_conversation_set_now          (VaConversation *self,
                                                       GDateTime      *now);
GDateTime           *va_conversation_get_now          (VaConversation *self);
void                 va_conversation_set_webhook_enabled (VaConversation *self,
                                                       gboolean        enabled);
void                 va_conversation_set_handoff_timeout (VaConversation *self,
                                                       guint           seconds);
void                 va_conversation_set_webhook_override (VaConversation *self,
                                                       const char     *url);
void                 va_conversation_set_seed         (VaConversation *self,
                                                       guint32         seed);
guint32              va_conversation_get_seed         (VaConversation *self);
void                 va_conversation_set_step_limit   (VaConversation *self,
                                                       guint           step_limit);
void                 va_conversation_add_http_mock    (VaConversation *self,
                                                       const char     *method,
                                                       const char     *url,
                                                       guint           status,
                                                       const char     *body);

void                 va_conversation_start            (VaConversation *self);
void                 va_conversation_send             (VaConversation *self,
                                                       const char     *text);
void                 va_conversation_agent_message    (VaConversation *self,
                                                       const char     *text);
void                 va_conversation_handoff_status   (VaConversation *self,
                                                       const char     *state,
                                                       const char     *message);
void                 va_conversation_cancel           (VaConversation *self);

const char          *va_conversation_get_variable     (VaConversation *self,
                                                       const char     *name);
JsonNode            *va_conversation_variables_to_json (VaConversation *self);
JsonNode            *va_conversation_build_handoff    (VaConversation *self,
                                                       const char     *agent_message);

G_END_DECLS
