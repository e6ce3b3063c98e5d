/* The write floor: the same cells written with libxlsxwriter in constant-memory mode, from a TSV (one row per
 * line, cells separated by tabs). What any writer of the same cells through libxlsxwriter cannot beat.
 *
 * usage: write_floor CELLS.tsv OUT.xlsx */
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: write_floor CELLS.tsv OUT.xlsx\n"); return 64; }
    FILE *input = fopen(argv[1], "r");
    if (!input) { fprintf(stderr, "cannot open %s\n", argv[1]); return 66; }
    lxw_workbook_options options = {.constant_memory = LXW_TRUE, .tmpdir = NULL};
    lxw_workbook *workbook = workbook_new_opt(argv[2], &options);
    lxw_worksheet *sheet = workbook_add_worksheet(workbook, "lixiao");
    static char line[1 << 20];
    lxw_row_t row = 0;
    long cells = 0;
    while (fgets(line, sizeof line, input)) {
        line[strcspn(line, "\n")] = 0;
        lxw_col_t column = 0;
        char *cursor = line;
        for (;;) {
            char *tab = strchr(cursor, '\t');
            if (tab) *tab = 0;
            if (*cursor) { worksheet_write_string(sheet, row, column, cursor, NULL); cells++; }
            column++;
            if (!tab) break;
            cursor = tab + 1;
        }
        row++;
    }
    fclose(input);
    if (workbook_close(workbook) != LXW_NO_ERROR) { fprintf(stderr, "cannot write %s\n", argv[2]); return 74; }
    printf("%ld cells in %u rows\n", cells, (unsigned)row);
    return 0;
}
