package web

// messages are the interface's words: Vietnamese first, English beside.
// A key missing from a language falls back to the key itself, which the
// tests catch.
var messages = map[string][2]string{
	"app":                     {"chỉ tiêu — các chỉ tiêu của kế hoạch", "chitieu — the targets of plans"},
	"search":                  {"Tìm kiếm", "Search"},
	"compare":                 {"So sánh", "Compare"},
	"audit":                   {"Kiểm tra", "Audit"},
	"other_lang":              {"English", "Tiếng Việt"},
	"search_help":             {"Gõ có dấu hoặc không dấu: nang luc thong tin, \"xã hội học tập\", province:\"Bắc Ninh\" year:2030", "With or without diacritics: nang luc thong tin, \"xã hội học tập\", province:\"Bắc Ninh\" year:2030"},
	"go":                      {"Tìm", "Search"},
	"results":                 {"kết quả", "results"},
	"no_results":              {"Không có kết quả.", "No results."},
	"filters":                 {"Lọc", "Filters"},
	"province":                {"Tỉnh, thành phố", "Province"},
	"district":                {"Huyện, thị xã", "District"},
	"year":                    {"Năm", "Year"},
	"indicator":               {"Chỉ tiêu", "Indicator"},
	"type":                    {"Loại văn bản", "Document type"},
	"page":                    {"trang", "page"},
	"prev":                    {"← Trước", "← Previous"},
	"next":                    {"Sau →", "Next →"},
	"bad_query":               {"Câu tìm kiếm không hợp lệ", "Bad query"},
	"not_found":               {"Không tìm thấy", "Not found"},
	"changed":                 {"Tệp đã thay đổi từ khi được lập chỉ mục; hãy chạy lại ingest", "The file changed since it was indexed; run ingest"},
	"error":                   {"Lỗi", "Error"},
	"unknown_place":           {"(chưa rõ địa phương)", "(locality unknown)"},
	"document":                {"Văn bản", "Document"},
	"number":                  {"Số hiệu", "Number"},
	"date":                    {"Ngày ban hành", "Date"},
	"issuer":                  {"Cơ quan ban hành", "Issuer"},
	"locality":                {"Địa phương", "Locality"},
	"programmes":              {"Chương trình", "Programmes"},
	"original":                {"Tệp gốc", "Original file"},
	"targets":                 {"Chỉ tiêu trong văn bản", "Targets in the document"},
	"value":                   {"Giá trị", "Value"},
	"modality":                {"Cách nói", "Modality"},
	"kind":                    {"Loại", "Kind"},
	"sentence":                {"Câu", "Sentence"},
	"level":                   {"Cấp", "Level"},
	"provinces":               {"Tỉnh, thành phố", "Provinces"},
	"districts":               {"Huyện, thị xã", "Districts"},
	"all_years":               {"Mọi năm", "All years"},
	"as_of":                   {"Theo địa giới ngày", "Grouped as of"},
	"show":                    {"Xem", "Show"},
	"legend":                  {"Màu theo giá trị", "Colour by value"},
	"national":                {"Việt Nam", "Viet Nam"},
	"chart":                   {"Biểu đồ", "Chart"},
	"download":                {"Tải về", "Download"},
	"findings":                {"phát hiện", "findings"},
	"no_findings":             {"Không có phát hiện.", "No findings."},
	"rule":                    {"Quy tắc", "Rule"},
	"all_rules":               {"Mọi quy tắc", "All rules"},
	"severity":                {"Mức độ", "Severity"},
	"all_severities":          {"Mọi mức độ", "All severities"},
	"evidence":                {"Căn cứ", "Evidence"},
	"reference":               {"Chỉ tiêu quốc gia", "National reference"},
	"indicators_all":          {"Mọi chỉ tiêu", "All indicators"},
	"rule_impossible":         {"Không thể đúng", "Impossible"},
	"rule_below-parent":       {"Thấp hơn cấp trên", "Below the parent"},
	"rule_regression":         {"Năm sau thấp hơn năm trước", "Regression"},
	"rule_self-contradiction": {"Tự mâu thuẫn", "Self-contradiction"},
	"rule_missing-from-child": {"Cấp dưới bỏ sót", "Missing from a child plan"},
	"rule_unknown-locality":   {"Không rõ địa phương", "Unknown locality"},
	"rule_copy-down":          {"Sao chép cấp trên", "Copied from the parent"},
	"sev_error":               {"lỗi", "error"},
	"sev_warning":             {"cảnh báo", "warning"},
	"sev_info":                {"thông tin", "info"},
}

// text returns a message in a language (0 Vietnamese, 1 English).
func text(lang int, key string) string {
	if m, ok := messages[key]; ok && m[lang] != "" {
		return m[lang]
	}
	return key
}
