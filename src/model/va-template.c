/* va-template.c
 *
 * The bot a new document starts from: every system topic and three sample
 * topics. It is a .vabot file in the model's resources, so it goes through
 * the same loader as any user file and its format is tested with it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "va-template.h"
#include "va-format.h"
#include "va-model-resources.h"

/**
 * va_template_new_bot:
 *
 * Creates the bot that "New bot" opens, and that the app and the command
 * line open when no file is given.
 *
 * Returns: (transfer full): a new bot
 */
VaBot *
va_template_new_bot (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data;
  VaBot *bot;

  bytes = g_resource_lookup_data (va_model_get_resource (),
                                  "/com/example/VirtualAgent/model/new-bot.vabot",
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL)
    g_error ("The new-bot template is missing: %s", error->message);

  data = g_bytes_get_data (bytes, &length);
  bot = va_format_load_data (data, length, &error);
  /* The template is part of the program and tested: failing here is a bug. */
  if (bot == NULL)
    g_error ("The new-bot template does not load: %s", error->message);
  return bot;
}
