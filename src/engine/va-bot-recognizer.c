/* va-bot-recognizer.c — a recognizer for a bot's topics
 *
 * The bot's settings hold the threshold and the margin in thousandths of the recognizer's
 * calibrated confidence, so the file stays exact; this turns them into scores.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "va-bot-recognizer.h"
#include "va-topic.h"

/**
 * va_bot_recognizer_populate:
 * @recognizer: an empty recognizer
 * @bot: the bot
 *
 * Adds every enabled topic of @bot that has trigger phrases, system topics included ("talk to
 * a person" starts Escalate). The caller builds the recognizer afterwards, at once or in a
 * worker thread.
 */
void
va_bot_recognizer_populate (VaRecognizer *recognizer,
                            VaBot        *bot)
{
  GListModel *topics;

  g_return_if_fail (VA_IS_RECOGNIZER (recognizer));
  g_return_if_fail (VA_IS_BOT (bot));

  topics = va_bot_get_topics (bot);
  for (guint i = 0; i < g_list_model_get_n_items (topics); i++)
    {
      g_autoptr(VaTopic) topic = g_list_model_get_item (topics, i);
      const char * const *phrases = va_topic_get_trigger_phrases (topic);

      if (!va_topic_get_enabled (topic) || phrases == NULL || phrases[0] == NULL)
        continue;
      va_recognizer_add_topic (recognizer, va_topic_get_id (topic), phrases);
    }
}

/**
 * va_bot_recognizer_new:
 * @bot: the bot
 *
 * Returns: (transfer full): a recognizer of @bot's topics, built and ready
 */
VaRecognizer *
va_bot_recognizer_new (VaBot *bot)
{
  g_autoptr(VaRecognizer) recognizer = NULL;

  g_return_val_if_fail (VA_IS_BOT (bot), NULL);

  recognizer = va_recognizer_new (va_bot_get_language (bot));
  va_bot_recognizer_populate (recognizer, bot);
  va_recognizer_build (recognizer);
  return g_steal_pointer (&recognizer);
}

double
va_bot_get_threshold_score (VaBot *bot)
{
  g_return_val_if_fail (VA_IS_BOT (bot), va_recognizer_default_threshold ());
  return va_bot_get_threshold (bot) / 1000.0;
}

double
va_bot_get_margin_score (VaBot *bot)
{
  g_return_val_if_fail (VA_IS_BOT (bot), va_recognizer_default_margin ());
  return va_bot_get_margin (bot) / 1000.0;
}
