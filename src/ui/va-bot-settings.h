/* va-bot-settings.h — the bot's settings: name, engagement hub, recognition
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "va-bot.h"
#include "va-history.h"

G_BEGIN_DECLS

#define VA_TYPE_BOT_SETTINGS (va_bot_settings_get_type ())
G_DECLARE_FINAL_TYPE (VaBotSettings, va_bot_settings, VA, BOT_SETTINGS, AdwPreferencesWindow)

VaBotSettings *va_bot_settings_new (GtkWindow *parent,
                                    VaBot     *bot,
                                    VaHistory *history);

G_END_DECLS
