/* va-template.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "va-bot.h"

G_BEGIN_DECLS

VaBot *va_template_new_bot (void);

G_END_DECLS
