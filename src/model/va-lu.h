/* va-lu.h — Bot Framework .lu files: import and export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "va-types.h"
#include "va-bot.h"

G_BEGIN_DECLS

#define VA_LU_ERROR (va_lu_error_quark ())

typedef enum
{
  VA_LU_ERROR_SYNTAX,
  VA_LU_ERROR_LIMIT,
  VA_LU_ERROR_EMPTY,
} VaLuError;

#define VA_LU_MAX_SIZE     (64 * 1024 * 1024)
#define VA_LU_MAX_INTENTS  20000
#define VA_LU_MAX_PHRASES  10000

GQuark  va_lu_error_quark (void);

VaBot  *va_lu_import      (const char   *text,
                           gsize         length,
                           const char   *bot_name,
                           GPtrArray   **warnings,
                           GError      **error);
char   *va_lu_export      (VaBot        *bot);

G_END_DECLS
