/* va-bot.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "va-types.h"
#include "va-topic.h"

G_BEGIN_DECLS

#define VA_TYPE_BOT (va_bot_get_type ())
G_DECLARE_FINAL_TYPE (VaBot, va_bot, VA, BOT, GObject)

VaBot *va_bot_new (void);
const char *va_bot_get_id (VaBot *self);
void va_bot_set_id (VaBot *self, const char *id);
const char *va_bot_get_name (VaBot *self);
void va_bot_set_name (VaBot *self, const char *name);
const char *va_bot_get_language (VaBot *self);
void va_bot_set_language (VaBot *self, const char *language);
const char *va_bot_get_hub_link (VaBot *self);
void va_bot_set_hub_link (VaBot *self, const char *hub_link);
const char *va_bot_get_webhook_url (VaBot *self);
void va_bot_set_webhook_url (VaBot *self, const char *webhook_url);
int va_bot_get_threshold (VaBot *self);
void va_bot_set_threshold (VaBot *self, int threshold);
int va_bot_get_margin (VaBot *self);
void va_bot_set_margin (VaBot *self, int margin);
int va_bot_get_escalate_after (VaBot *self);
void va_bot_set_escalate_after (VaBot *self, int escalate_after);
gboolean va_bot_get_test_hub (VaBot *self);
void va_bot_set_test_hub (VaBot *self, gboolean test_hub);
GListModel *va_bot_get_topics (VaBot *self);
GListModel *va_bot_get_variables (VaBot *self);
GListModel *va_bot_get_entities (VaBot *self);

VaTopic *va_bot_find_topic (VaBot *self, const char *id, guint *position);
VaTopic *va_bot_find_system_topic (VaBot *self, VaSystemTopic kind);
char *va_bot_make_topic_id (VaBot *self, const char *name);

G_END_DECLS
