/* va-format.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "va-types.h"
#include "va-bot.h"

G_BEGIN_DECLS

#define VA_FORMAT_ERROR (va_format_error_quark ())

typedef enum
{
  VA_FORMAT_ERROR_TOO_LARGE,
  VA_FORMAT_ERROR_TOO_DEEP,
  VA_FORMAT_ERROR_SYNTAX,
  VA_FORMAT_ERROR_NOT_A_BOT,
  VA_FORMAT_ERROR_NEWER_VERSION,
  VA_FORMAT_ERROR_INVALID,
} VaFormatError;

#define VA_FORMAT_NAME          "virtual-agent-bot"
#define VA_FORMAT_VERSION       1
#define VA_FORMAT_MAX_SIZE      (64 * 1024 * 1024)
#define VA_FORMAT_MAX_DEPTH     32
#define VA_FORMAT_MAX_STRING    (64 * 1024)
#define VA_FORMAT_MAX_LIST      10000
#define VA_FORMAT_MAX_TOPICS    20000
#define VA_FORMAT_MAX_NODES     500000
#define VA_FORMAT_MAX_PROBLEMS  50
/* The memory that parsing a file may take, as estimated before parsing: a file of millions of
 * tiny values is refused without being read whole. */
#define VA_FORMAT_MAX_PARSE_MEMORY (256 * 1024 * 1024)

GQuark   va_format_error_quark (void);

VaBot   *va_format_load_data   (const char    *data,
                                gssize         length,
                                GError       **error);
VaBot   *va_format_load_file   (GFile         *file,
                                GCancellable  *cancellable,
                                GError       **error);
char    *va_format_save_data   (VaBot         *bot,
                                gsize         *length);
gboolean va_format_save_file   (VaBot         *bot,
                                GFile         *file,
                                GCancellable  *cancellable,
                                GError       **error);

G_END_DECLS
