/* va-bot-recognizer.h — a recognizer for a bot's topics
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "va-bot.h"
#include "va-recognizer.h"

G_BEGIN_DECLS

VaRecognizer *va_bot_recognizer_new      (VaBot        *bot);
void          va_bot_recognizer_populate (VaRecognizer *recognizer,
                                          VaBot        *bot);
double        va_bot_get_threshold_score (VaBot        *bot);
double        va_bot_get_margin_score    (VaBot        *bot);

G_END_DECLS
