"""Chinese / English labels of the map's UI, legend and detail panel (中文 default): ``t(key, lang)``."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from geo.errors import Problem

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"

#: key → (中文, English). Keep keys lower_snake; values are plain text (escape when putting into HTML).
LABELS: dict[str, tuple[str, str]] = {
    # page
    "app_title": ("园区产业地图", "Industrial Park Map"),
    "app_subtitle": (
        "重庆各区县制造业规划中的园区定位、主导产业与目标规模",
        "Parks, lead industries and target scales in Chongqing district manufacturing plans",
    ),
    "page_map": ("地图", "Map"),
    "page_overlaps": ("同质化分析", "Overlaps"),
    "page_export": ("导出", "Export"),
    "page_add_plan": ("添加规划", "Add a plan"),
    "page_sites": ("园区位置校正", "Correct park sites"),
    # site correction and uncertainty (geo/sites.py, geo/uncertainty.py)
    "legend_uncertainty": ("位置不确定范围（虚线圈）", "Location uncertainty (dashed ring)"),
    "site_uncertain": ("位置误差约 ±{km} 公里（{basis}）", "Location uncertain by about ±{km} km ({basis})"),
    "unc_basis_stated": ("数据给定", "stated in the data"),
    "unc_basis_town_seat": ("镇街驻地代表点的默认值", "default for a town-seat point"),
    "unc_basis_approximate": ("代理点的默认值", "default for a proxy point"),
    "site_circle": ("示意范围：按规划面积画的圆（虚线），半径约 {km} 公里",
                    "Approximate extent: a circle of the plan's area (dashed), radius about {km} km"),
    "site_provenance": ("位置来源", "Site source"),
    "site_correct": ("校正位置", "Correct the site"),
    "sites_intro": (
        "拖动蓝色圆点移动园区位置，或用地图左上角的工具绘制、编辑园区范围，或上传边界文件；预览检查无误后填写姓名保存。"
        "原来的位置保存在校正记录中。",
        "Drag the blue dot to move the park, draw or edit its boundary with the tools at the top left of the map, "
        "or upload a boundary file; check the preview, enter your name and save. The previous site is kept in the history.",
    ),
    "sites_park": ("园区", "Park"),
    "sites_current": ("当前位置", "Current site"),
    "sites_preview": ("新位置（预览，未保存）", "New site (preview, not saved)"),
    "sites_none": ("拖动圆点、绘制范围或上传文件后，新位置显示在这里。", "Drag the dot, draw a boundary or upload a file: the new site shows here."),
    "sites_upload": ("上传园区边界文件（每个文件不超过 {mb} MB）", "Upload a boundary file (up to {mb} MB)"),
    "sites_upload_help": (
        "可上传 GeoJSON、KML/KMZ、Shapefile（zip 压缩包，含 .shp、.shx、.dbf、.prj）、GeoPackage、DXF，"
        "每个文件不超过 {mb} MB。把文件拖到下方框内，或点击框中的“Browse files”（浏览文件）选择。",
        "GeoJSON, KML/KMZ, zipped Shapefile (.shp, .shx, .dbf, .prj), GeoPackage, DXF; up to {mb} MB per file.",
    ),
    "sites_crs": ("文件的坐标系（文件未注明时）", "The file's coordinate system (when it does not say)"),
    "sites_crs_file": ("按文件注明（未注明时为 WGS84）", "As the file says (WGS84 if it does not)"),
    "sites_crs_other": ("其他 EPSG 代码", "Other EPSG code"),
    "sites_read": ("读取文件", "Read the file"),
    "sites_editor": ("校正人姓名", "Your name"),
    "sites_source": ("来源说明", "Source"),
    "sites_save": ("保存新位置", "Save the new site"),
    "sites_discard": ("放弃预览", "Discard the preview"),
    "sites_saved": ("已保存：{summary}", "Saved: {summary}"),
    "sites_refused": ("未保存，原因：", "Not saved:"),
    "sites_conflict": ("其他人刚保存过数据，请重新载入后再校正。", "Someone else has just saved the data: reload, then correct the site again."),
    "sites_reload": ("重新载入", "Reload"),
    "sites_need_editor": ("请填写校正人姓名。", "Enter your name."),
    "sites_check_ok": ("检查通过：在{district}内{area}", "Checks passed: inside {district}{area}"),
    "sites_history": ("校正记录", "Site history"),
    "sites_no_history": ("暂无校正记录。", "No corrections yet."),
    "sites_view_map": ("在地图中查看", "View on the map"),
    "sites_src_moved": ("在地图上拖动（底图：{basemap}）", "dragged on the map (basemap: {basemap})"),
    "sites_src_digitised": ("在底图上勾绘（底图：{basemap}）", "drawn on the map (basemap: {basemap})"),
    "filters": ("筛选", "Filters"),
    "language": ("语言", "Language"),
    "basemap": ("底图", "Basemap"),
    "districts": ("区县", "Districts"),
    "sectors": ("产业", "Industries"),
    "vintage": ("规划版本", "Plan vintage"),
    "vintage_latest": ("各区县最新规划", "Latest plan per district"),
    "vintage_all": ("全部规划", "All plans"),
    "tiers": ("园区层级（1+3+3）", "Park tier (1+3+3)"),
    # what an empty multiselect means (its placeholder; Streamlit's own is English)
    "all_districts": ("全部区县", "—"),
    "all_sectors": ("全部产业", "—"),
    "all_tiers": ("全部层级", "—"),
    "min_scale": ("最低目标规模（亿元）", "Minimum target scale (100 m yuan)"),
    "search": ("搜索园区、产业、区县或镇街", "Search parks, industries, districts, towns"),
    "search_placeholder": ("如：凤凰湖、汽车、大足、朱沱", "e.g. Fenghuanghu, vehicles, Dazu"),
    "reset_filters": ("重置筛选", "Reset filters"),
    "share_hint": ("当前视图已写入网址，可直接复制分享。", "The view is in the page URL: copy it to share."),
    "n_parks_shown": ("显示 {n} 个园区（共 {total} 个）", "{n} of {total} parks shown"),
    "no_parks": ("没有符合筛选条件的园区。", "No park matches the filters."),
    "click_hint": ("点击地图上的园区查看详情。", "Click a park on the map to see its details."),
    "close": ("关闭", "Close"),
    "park_not_found": ("未找到园区 “{park}”。", "Park '{park}' not found."),
    "data_error": ("数据有误，地图无法加载：", "The data has problems; the map cannot load:"),
    "basemap_unavailable": (
        "底图 “{name}” 不可用（{why}），已改用无底图。",
        "Basemap '{name}' is not available ({why}); showing no basemap.",
    ),
    "tiles_failed": (
        "在线底图无法加载（网络不通或被拦截），已改用无底图：区县轮廓照常显示。",
        "The online basemap cannot be loaded (no network or blocked); showing no basemap, district outlines only.",
    ),
    "no_tianditu_key": ("未设置天地图密钥 TIANDITU_KEY", "no TIANDITU_KEY set"),
    "no_custom_url": ("未设置 PARKMAP_TILES_URL", "PARKMAP_TILES_URL is not set"),
    "offline_note": (
        "离线可用：地图脚本均由本机提供；在线底图瓦片缺失时仍显示区县轮廓。",
        "Works offline: map scripts are served locally; district outlines show even if tiles are missing.",
    ),
    # basemaps
    "basemap_none": ("无底图（区县轮廓）", "None (district outlines)"),
    "basemap_osm": ("OpenStreetMap", "OpenStreetMap"),
    "basemap_gaode": ("高德地图", "Gaode (AutoNavi)"),
    "basemap_tianditu": ("天地图", "Tianditu"),
    "basemap_custom": ("自定义瓦片", "Custom tiles"),
    # layers
    "layer_parks": ("园区", "Parks"),
    "layer_footprints": ("园区范围（示意）", "Park footprints (approximate)"),
    "layer_districts": ("区县", "Districts"),
    "layer_logistics": ("物流园区", "Logistics parks"),
    # legend
    "legend_title": ("图例", "Legend"),
    "legend_colour": ("颜色：主导产业", "Colour: dominant industry"),
    "legend_size": ("大小：目标规模", "Size: target scale"),
    "legend_tier": ("外圈：1+3+3 层级", "Ring: 1+3+3 tier"),
    "legend_other": ("其他", "Other"),
    "legend_footprint": ("园区范围（示意，虚线）", "Footprint (approximate, dashed)"),
    "legend_logistics": ("物流园区", "Logistics park"),
    "legend_no_scale": ("空心圆：规划未明确规模", "Hollow ring: no stated scale"),
    "legend_cells": ("带数字的圆：该处园区数，点击放大", "Numbered circle: parks there; click to zoom in"),
    "cell_parks": ("{n} 个园区", "{n} parks"),
    "cell_hint": ("点击放大查看", "Click to zoom in"),
    "unknown_sector": ("未明确产业", "Industry not stated"),  # one wording on every surface (layers/labels.py)
    # tooltip / popup / panel
    "district": ("区县", "District"),
    "kind": ("类型", "Type"),
    "tier": ("层级", "Tier"),
    "dominant_industry": ("主导产业", "Dominant industry"),
    "target_scale": ("目标规模", "Target scale"),
    "scale_none": ("规划未明确规模", "no stated scale"),
    "scale_shared": ("与其他园区共享的目标", "target shared with other parks"),
    "yi": ("亿元", "100 m yuan"),
    "by_year": ("{year}年", "by {year}"),
    "year_not_stated": ("未注明年份", "year not stated"),
    "industries": ("产业", "Industries"),
    "details": ("详情", "Details"),
    "details_hint": ("地图旁的详情面板列出全部产业、目标与原文。", "The panel beside the map lists every industry, target and quote."),
    "area": ("面积", "Area"),
    "km2": ("平方公里", "km²"),
    "location": ("位置精度", "Location accuracy"),
    "plans": ("来源规划", "Source plans"),
    "plan_not_in_view": ("（未在当前规划版本中）", "(not in the selected vintage)"),
    "quote": ("规划原文", "Plan text"),
    "col_industry": ("产业（原文）", "Industry (as written)"),
    "col_sector": ("产业大类 / 细分", "Sector / chain"),
    "col_role": ("定位", "Role"),
    "col_target": ("目标", "Target"),
    "col_baseline": ("基数", "Baseline"),
    "col_cagr": ("隐含年均增速", "Implied annual growth"),
    "col_plan": ("规划", "Plan"),
    "shared_with": ("与以下园区共享：{parks}", "shared with: {parks}"),
    "peers": ("同产业的其他园区与区县", "Other parks and districts targeting the same industries"),
    "peer_parks": ("园区", "Parks"),
    "peer_districts": ("区县", "Districts"),
    "no_peers": ("当前规划版本中没有其他园区或区县布局相同产业。", "No other park or district targets these industries in the selected plans."),
    "distance_km": ("相距 {km} 公里", "{km} km away"),
    "no_industries": ("规划未列出该园区的产业。", "The plans list no industry for this park."),
    "park_quote": ("规划对园区的表述", "How the plan describes the park"),
    "doc_number": ("文号", "Doc. no."),
    "issued": ("印发", "Issued"),
    "open_in_url": ("链接", "Link"),
    # overlaps page (同质化分析) — geo/overlap.py, layers/overlap.py, app_pages/overlaps.py
    "ov_title": ("同质化分析", "Overlap analysis (同质化)"),
    "ov_intro": (
        "列出两个及以上区县（或同一区县两个及以上园区）布局的相同产业，附严重程度评分和双方规划原文。",
        "Industries that two or more districts (or two or more parks of one district) target, "
        "with a severity score and the plans' own words.",
    ),
    "ov_level": ("比较层级", "Compare"),
    "ov_level_sector": ("产业大类", "Sectors"),
    "ov_level_chain": ("细分产业链", "Chains"),
    "ov_directions": (
        "包含合川规划（2023-02）表1所列其他区县发展方向",
        "Include other districts' directions (Table 1 of the Hechuan 2023-02 plan)",
    ),
    "ov_min_severity": ("最低严重程度", "Minimum severity"),
    "ov_all": ("全部", "All"),
    "ov_kinds": ("类型", "Kinds"),
    "ov_kinds_empty": ("未选类型：不显示任何重叠", "Choose options"),  # English: what Streamlit shows by itself
    "ov_kind_cross_district": ("跨区县", "Cross-district"),
    "ov_kind_within_district": ("区内重复", "Within a district"),
    "ov_sev_high": ("高", "high"),
    "ov_sev_medium": ("中", "medium"),
    "ov_sev_low": ("低", "low"),
    "ov_tab_overlaps": ("同质化产业", "Overlaps"),
    "ov_tab_matrix": ("区县×产业矩阵", "District × industry"),
    "ov_tab_rule": ("2主导+4特色", "2 lead + 4 specialty"),
    "ov_tab_vintage": ("规划版本对比", "Plan vintages"),
    "ov_tab_portfolio": ("区县产业组合", "District portfolios"),
    "ov_none": ("当前条件下没有发现同质化产业。", "No overlap under the current choices."),
    "ov_n_found": ("共 {n} 项（跨区县 {cross} 项，区内重复 {within} 项）", "{n} overlaps ({cross} cross-district, {within} within a district)"),
    "ov_table_hint": ("点击表格左侧选中一行：地图缩放到相关园区，右侧显示双方规划原文。", "Select a row (left edge of the table): the map zooms to its parks and the plans' words appear beside it."),
    "ov_col_industry": ("产业", "Industry"),
    "ov_col_kind": ("类型", "Kind"),
    "ov_col_districts": ("区县", "Districts"),
    "ov_col_parks": ("园区", "Parks"),
    "ov_col_n_districts": ("区县数", "Districts (n)"),
    "ov_col_total": ("目标合计（亿元）", "Targets summed (100 m yuan)"),
    "ov_col_distance": ("最近园区距离（公里）", "Nearest parks (km)"),
    "ov_col_severity": ("严重程度", "Severity"),
    "ov_col_points": ("分值", "Points"),
    "ov_col_reasons": ("评分依据", "Why"),
    "ov_col_sides": ("各方定位与目标", "Roles and targets"),
    "ov_evidence": ("双方规划原文", "The plans' own words"),
    "ov_evidence_hint": ("在表格中选中一行，查看各方规划原文。", "Select a row in the table to see each plan's words."),
    "ov_side_role": ("定位：{role}", "Role: {role}"),
    "ov_side_target": ("目标：{target}（{year}年）", "Target: {target} by {year}"),
    "ov_side_target_noyear": ("目标：{target}", "Target: {target}"),
    "ov_side_parks": ("园区：{parks}", "Parks: {parks}"),
    "ov_side_direction": ("（据合川规划表1）", "(from Table 1 of the Hechuan plan)"),
    "ov_side_quotes": ("{n} 条原文", "{n} quotes"),
    "ov_quote_table": ("表格「{title}」中的一行", "A row of the table “{title}”"),
    "ov_quote_table_header": ("表头：{header}", "Header: {header}"),
    "ov_quote_clause": ("长句节选", "part of a long sentence"),
    "ov_quote_as_coded": ("规划文本中未找到此句，按编码原样列出", "not found in the plan text; shown as coded"),
    "ov_map": ("同质化地图", "Overlap map"),
    "ov_layer_links": ("同质化：竞争园区", "Overlaps: competing parks"),
    "ov_layer_districts": ("区县同质化产业数", "Overlapping industries per district"),
    "ov_no_data": ("无规划数据", "no plan data"),
    "ov_overlapping": ("同质化产业", "Overlapping industries"),
    "ov_distance": ("距离", "Distance"),
    "ov_matrix_value": ("单元格显示", "Cells show"),
    "ov_matrix_role": ("定位（主导最深）", "Role (lead darkest)"),
    "ov_matrix_target": ("目标（亿元）", "Target (100 m yuan)"),
    "ov_matrix_note": (
        "空白：该区县规划未布局该产业。“发展方向”来自合川规划表1。",
        "Blank: the district's plan does not name the industry. 'direction' comes from Table 1 of the Hechuan plan.",
    ),
    "ov_matrix_count": ("布局区县数", "Districts naming it"),
    "ov_rule_title": ("每个区县至多2个主导产业、4个特色产业", "At most 2 lead (主导) and 4 specialty (特色) industries per district"),
    "ov_rule_note": (
        "计数来自规划声明的产业体系（如“6+4”）：该规划全区层面（未落到具体园区）的主导、特色条目，按产业链（无则按大类）计；"
        "未声明体系的规划同样按这些条目计数，并注明“未声明”。园区“重点发展”条目不计入。",
        "Counts come from the plan's declared system (e.g. '6+4'): its district-wide lead and specialty rows (not tied "
        "to a park), by chain (else sector); a plan declaring none is counted the same way and marked so. A park's "
        "重点发展 (focus) items are not counted.",
    ),
    "ov_rule_not_stated": ("未表述", "not stated"),
    "ov_rule_over": ("超出", "over"),
    "ov_rule_ok": ("符合", "within"),
    "ov_col_plan": ("规划", "Plan"),
    "ov_col_n_lead": ("主导产业数", "Lead (n)"),
    "ov_col_lead_check": ("主导（≤{n}）", "Lead (≤{n})"),
    "ov_col_lead_list": ("主导产业", "Lead industries"),
    "ov_col_n_specialty": ("特色产业数", "Specialty (n)"),
    "ov_col_specialty_check": ("特色（≤{n}）", "Specialty (≤{n})"),
    "ov_col_specialty_list": ("特色产业", "Specialty industries"),
    "ov_vintage_none": ("没有区县有两个版本的规划。", "No district has two plan vintages."),
    "ov_vintage_district": ("区县", "District"),
    "ov_vintage_old": ("旧版规划", "Older plan"),
    "ov_vintage_new": ("新版规划", "Newer plan"),
    "ov_ch_added": ("新增", "added"),
    "ov_ch_dropped": ("删除", "dropped"),
    "ov_ch_renamed": ("更名", "renamed"),
    "ov_ch_retargeted": ("目标调整", "re-targeted"),
    "ov_ch_role_changed": ("定位调整", "role changed"),
    "ov_ch_parks_changed": ("布局园区调整", "parks changed"),
    "ov_ch_zones_changed": ("产业调整的园区", "zones changed"),
    "ov_ch_unchanged": ("未变", "unchanged"),
    # issue 11: declared systems, domains, vintages and distances with their uncertainty
    "district_system": (
        "区县产业体系（对照市级“2主导+4特色”规则）",
        "District industry system (against the municipal 2 lead + 4 specialty rule)",
    ),
    "system_leads": ("主导：{items}", "Lead: {items}"),
    "system_specialties": ("特色：{items}", "Specialty: {items}"),
    "ov_all_domains": (
        "包含非制造业产业（物流、生产性服务业、旅游、农业、能源供应）",
        "Include industries outside manufacturing (logistics, business services, tourism, agriculture, energy supply)",
    ),
    "ov_col_distance_pm": ("位置误差（±公里）", "Location uncertainty (± km)"),
    "ov_col_vintage": ("规划版本更替", "Superseded by a later plan"),
    "ov_col_system": ("声明的产业体系", "Declared system"),
    "ov_col_statement": ("对照市级2+4规则", "Against the municipal 2+4 rule"),
    "ov_col_system_quote": ("体系原文", "The plan's words"),
    "ov_system_none": ("未声明", "none declared"),
    "ov_side_superseded": ("版本更替：{text}", "Superseded: {text}"),
    "ov_systems": ("相关区县产业体系", "The districts' declared systems"),
    "ov_clusters_changes": ("产业集群变化", "Cluster changes"),
    "ov_zones_changes": ("园区/组团产业布局变化", "Zones whose industries changed"),
    "ov_col_change": ("变化", "Change"),
    "ov_col_sector": ("产业大类", "Sector"),
    "ov_col_old": ("旧版", "Older"),
    "ov_col_new": ("新版", "Newer"),
    "ov_col_zone": ("园区/组团", "Zone"),
    "ov_col_status": ("状态", "Status"),
    "ov_col_gained": ("新增产业", "Industries gained"),
    "ov_col_lost": ("移出产业", "Industries lost"),
    "ov_zone_changed": ("调整", "changed"),
    "ov_zone_added": ("新出现", "newly named"),
    "ov_zone_dropped": ("不再提及", "no longer named"),
    "ov_zone_unchanged": ("未变", "unchanged"),
    "ov_portfolio_district": ("区县", "District"),
    "ov_portfolio_compare": ("对比区县（最多5个）", "Compare districts (up to 5)"),
    "ov_portfolio_compare_empty": ("选择要对比的区县", "Choose options"),
    "ov_portfolio_note": (
        "每个产业大类取该规划中最大的一个目标（同一目标的重复表述不累加）；未列目标的产业显示为空。",
        "Per sector, the largest target in the plan (restatements of one target are not added up); "
        "sectors named without a target are blank.",
    ),
    "ov_portfolio_no_targets": ("该区县规划未给出分产业的亿元目标。", "This district's plan gives no 亿元 target per sector."),
    "ov_col_target": ("目标（亿元）", "Target (100 m yuan)"),
    "ov_col_year": ("目标年份", "Year"),
    "ov_col_role": ("定位", "Role"),
    "ov_col_names": ("规划表述", "As written"),
    # export page (导出) — layers/printmap/, layers/html_export.py, geo/tables.py, app_pages/export.py
    "ex_intro": (
        "下载当前视图（与地图页相同的筛选条件）的地图与数据。",
        "Download the map and data of the current view (the same filters as on the map page).",
    ),
    "ex_view": ("当前视图", "Current view"),
    "ex_change_filters": ("在地图页修改筛选条件", "Change the filters on the map page"),
    "ex_image": ("报告用地图（PNG / PDF / SVG）", "Map for reports (PNG / PDF / SVG)"),
    "ex_paper": ("纸张", "Paper"),
    "ex_orientation": ("方向", "Orientation"),
    "ex_landscape": ("横向", "Landscape"),
    "ex_portrait": ("纵向", "Portrait"),
    "ex_dpi": ("PNG 分辨率（dpi）", "PNG resolution (dpi)"),
    "ex_map_title": ("地图标题（留空则自动生成）", "Map title (blank = automatic)"),
    "ex_credit": ("审图号 / 底图说明（可选）", "Map approval no. / basemap credit (optional)"),
    "ex_preview": ("预览", "Preview"),
    "ex_download": ("下载 {fmt}", "Download {fmt}"),
    "ex_html": ("交互式地图（离线 HTML）", "Interactive map (offline HTML)"),
    "ex_html_hint": (
        "单个文件，无需联网，双击即可在浏览器中打开；如选择了在线底图，瓦片仍需联网。",
        "One file that opens in a browser without internet; online basemap tiles, if chosen, still need the network.",
    ),
    "ex_tables": ("数据表", "Tables"),
    "ex_xlsx": ("Excel（园区、产业、同质化）", "Excel (parks, clusters, overlaps)"),
    "ex_csv": ("CSV（产业集群）", "CSV (clusters)"),
    "ex_geojson": ("GeoJSON（园区）", "GeoJSON (parks)"),
    "ex_no_parks": ("当前筛选条件下没有园区，导出的地图与表格将为空。", "No park matches the filters; exports will be empty."),
    "ex_failed": ("导出失败：", "Export failed: "),
    # add-plan page (添加规划) — geo/ingest.py, geo/add_plan.py, app_pages/add_plan.py
    "ap_intro": (
        "粘贴或上传一份新规划，自动起草园区—产业和亿元目标（均附原文），逐条核对后校验并保存。",
        "Paste or upload a new plan: parks → industries and 亿元 targets are drafted with quotes; review, validate, save.",
    ),
    "ap_step_text": ("1. 规划文本", "1. Plan text"),
    "ap_paste": ("粘贴规划全文", "Paste the plan's full text"),
    "ap_paste_hint": ("从公文中复制正文（含附件表格）粘贴到这里", "Copy the document's text (tables included) here"),
    "ap_upload": ("或上传规划文件（TXT、Word、PDF、网页，不超过 {mb} MB）", "or upload a file (TXT, Word, PDF, web page; up to {mb} MB)"),
    "ap_upload_help": (
        "上传规划正文文件，不超过 {mb} MB：TXT 为 UTF-8 或 GBK 编码；Word 须为 .docx；PDF 须带文字层（扫描件请先做文字识别）；"
        "网页请另存为 .html。把文件拖到下方框内，或点击框中的“Browse files”（浏览文件）选择。",
        "TXT in UTF-8 or GBK; Word as .docx; PDF with a text layer (run OCR on scans first); web pages saved as .html; "
        "up to {mb} MB.",
    ),
    "ap_col_town": ("所在镇街（原文）", "Town (as written)"),
    "ap_town_found": ("按园区名称在地名库中找到所在镇街：{pinyin}（“{name}”）", "Town found from the park's name: {pinyin} ('{name}')"),
    "ap_text_len": ("共 {n} 字", "{n} characters"),
    "ap_step_meta": ("2. 规划信息", "2. Plan details"),
    "ap_choose": ("请选择", "Choose"),
    "ap_title_zh": ("规划名称", "Title (Chinese)"),
    "ap_title_en": ("英文名称（可选）", "Title (English, optional)"),
    "ap_horizon": ("规划期末年份", "Horizon year"),
    "ap_draft": ("起草数据行", "Draft rows"),
    "ap_need_text": ("请先填入规划文本并选择区县。", "Enter the plan text and choose the district first."),
    "ap_text_changed": ("规划文本在起草后被修改，请重新起草。", "The text changed after drafting; draft again."),
    "ap_step_review": ("3. 核对起草结果", "3. Review the drafted rows"),
    "ap_checks": ("需要核对的句子（{n}）", "Sentences to check ({n})"),
    "ap_checks_hint": (
        "这些句子没有起草出数据行，但可能写有园区的产业或亿元目标。请逐句阅读；“添加为数据行”把句中的产业和亿元数字作为待补全的行"
        "加到上表（引文为整句，置信度为 0），请核对园区、年份后再保存。",
        "No row was drafted from these sentences, but they may state a park's industries or a 亿元 target. Read "
        "each one; 'Add as rows' puts the industries and 亿 figures it names into the table above as rows to complete "
        "(the whole sentence quoted, confidence 0): check their park and year before saving.",
    ),
    "ap_check_pair": ("提到 {terms}，未起草对应的园区→产业行", "names {terms}; no park → industry row drafted for it"),
    "ap_check_figure": ("含亿元数字，未起草目标", "has a 亿 figure; no target drafted from it"),
    "ap_check_add": ("添加为数据行", "Add as rows"),
    "ap_check_park": ("添加的行属于哪个园区", "Park of the rows to add"),
    "ap_check_park_help": ("候选为本句提到的园区，其次是前文、后文提到的园区（近者在前）。",
                           "The parks this sentence names, then those the text names before it and after it, nearest first."),
    "ap_check_park_none": ("（不填，稍后在表中填写）", "(none: fill it in the table)"),
    "ap_review_empty": ("点击“起草数据行”后在此核对。", "Click 'Draft rows' to review them here."),
    "ap_review_hint": (
        "共 {n} 行（其中目标 {n_targets} 行）。取消勾选可排除一行；可信度低的行请重点核对原文。",
        "{n} rows ({n_targets} targets). Untick a row to leave it out; check low-confidence rows against the quote.",
    ),
    "ap_col_include": ("采用", "Use"),
    "ap_col_kind": ("类型", "Kind"),
    # column headers of the XLSX export (geo.tables.to_xlsx; the field names stay in the about sheet)
    "xf_park_id": ("园区编号", "Park id"),
    "xf_name_zh": ("园区名称", "Park name (Chinese)"),
    "xf_name_en": ("英文名称", "Park name (English)"),
    "xf_district": ("区县", "District"),
    "xf_kind": ("类型", "Kind"),
    "xf_tier": ("能级", "Tier"),
    "xf_dominant_sector": ("主导产业大类", "Dominant sector"),
    "xf_dominant_chain": ("主导细分产业", "Dominant chain"),
    "xf_sectors": ("产业大类", "Sectors"),
    "xf_n_industries": ("产业条目数", "Industries"),
    "xf_target_scale_yi": ("目标规模（亿元）", "Target scale (100 million yuan)"),
    "xf_scale_year": ("规模目标年份", "Scale target year"),
    "xf_scale_basis": ("规模依据", "Scale basis"),
    "xf_scale_plan_id": ("规模所据规划编号", "Plan id of the scale"),
    "xf_area_km2": ("面积（平方公里）", "Area (km²)"),
    "xf_geometry_quality": ("位置精度", "Location quality"),
    "xf_geometry_source": ("位置来源", "Location source"),
    "xf_geometry_editor": ("位置校正人", "Location edited by"),
    "xf_geometry_date": ("位置校正日期", "Location edited on"),
    "xf_plan_ids": ("规划编号", "Plan ids"),
    "xf_lon": ("经度", "Longitude"),
    "xf_lat": ("纬度", "Latitude"),
    "xf_location_note": ("位置说明", "Location note"),
    "xf_location_note_zh": ("位置说明（中文）", "Location note (Chinese)"),
    "xf_quote": ("规划原文", "Plan text"),
    "xf_cluster_id": ("条目编号", "Row id"),
    "xf_plan_id": ("规划编号", "Plan id"),
    "xf_park_ids": ("园区编号", "Park ids"),
    "xf_name_as_written": ("产业（原文）", "Industry (as written)"),
    "xf_sector": ("产业大类", "Sector"),
    "xf_chain": ("细分产业链", "Chain"),
    "xf_role": ("定位", "Role"),
    "xf_target_value_yi": ("目标（亿元）", "Target (100 million yuan)"),
    "xf_target_year": ("目标年份", "Target year"),
    "xf_baseline_value_yi": ("基数（亿元）", "Baseline (100 million yuan)"),
    "xf_baseline_year": ("基数年份", "Baseline year"),
    "xf_industry": ("产业", "Industry"),
    "xf_industry_en": ("产业（英文）", "Industry (English)"),
    "xf_districts": ("区县", "Districts"),
    "xf_parks": ("园区编号", "Park ids"),
    "xf_n_districts": ("区县数", "Districts (n)"),
    "xf_n_parks": ("园区数", "Parks (n)"),
    "xf_total_target_yi": ("目标合计（亿元）", "Targets summed (100 million yuan)"),
    "xf_min_distance_km": ("最近距离（公里）", "Nearest distance (km)"),
    "xf_distance_uncertainty_km": ("位置误差（±公里）", "Location uncertainty (± km)"),
    "xf_severity": ("分值", "Points"),
    "xf_severity_level": ("严重程度", "Severity"),
    "xf_severity_reasons": ("评分理由", "Reasons"),
    "xf_side_summary": ("各方定位与目标", "Sides"),
    "xf_vintage_changes": ("规划版本更替", "Vintage changes"),
    "xf_systems": ("区县产业体系", "Declared systems"),
    "xf_evidence": ("规划原文（各方）", "Evidence (each side)"),
    "xf_system": ("声明的产业体系", "Declared system"),
    "xf_n_lead": ("主导数", "Leads (n)"),
    "xf_max_lead": ("主导上限", "Leads (max)"),
    "xf_n_specialty": ("特色数", "Specialties (n)"),
    "xf_max_specialty": ("特色上限", "Specialties (max)"),
    "xf_over": ("是否超出", "Over the rule"),
    "xf_statement_zh": ("对照说明（中文）", "Statement (Chinese)"),
    "xf_statement_en": ("对照说明（英文）", "Statement (English)"),
    "xf_lead_industries": ("主导产业", "Lead industries"),
    "xf_specialty_industries": ("特色产业", "Specialty industries"),
    "xf_system_quote": ("体系原文", "System as written"),
    "xf_item": ("项目", "Item"),
    "xf_value": ("内容", "Value"),
    "xv_basis_own": ("园区自有目标", "the park's own target"),
    "xv_basis_shared": ("与其他园区共享的目标", "a target shared with other parks"),
    "xv_basis_none": ("未列目标", "no target"),
    "ap_kind_park_industry": ("园区产业", "park industry"),
    "ap_kind_target": ("产业目标", "industry target"),
    "ap_kind_total": ("总量目标", "total target"),
    "ap_col_park": ("园区（原文）", "Park (as written)"),
    "ap_col_park_id": ("已有园区", "Existing park"),
    "ap_col_park_id_help": ("留空表示新园区，需在下一步定位。", "Leave empty for a new park; locate it in the next step."),
    "ap_col_sector": ("产业大类", "Sector"),
    "ap_col_chain": ("细分产业链", "Chain"),
    "ap_col_target": ("目标（亿元）", "Target (100 m yuan)"),
    "ap_col_year": ("目标年份", "Target year"),
    "ap_col_baseline": ("基数（亿元）", "Baseline (100 m yuan)"),
    "ap_col_baseline_year": ("基数年份", "Baseline year"),
    "ap_col_confidence": ("可信度", "Confidence"),
    "ap_col_note": ("说明", "Note"),
    "ap_step_parks": ("4. 新园区定位", "4. Locate new parks"),
    "ap_no_new_parks": ("没有需要定位的新园区。", "No new park to locate."),
    "ap_gazetteer": ("从离线地名库选择所在镇街", "Choose its town from the offline gazetteer"),
    "ap_town": ("镇街", "Town"),
    "ap_no_town": ("地名库中没有匹配的镇街", "No matching town in the gazetteer"),
    "ap_click_map": ("或在地图上点击园区位置", "or click the park's location on the map"),
    "ap_site": ("已定位：北纬 {lat}，东经 {lon}", "Located at {lat} N, {lon} E"),
    "ap_step_save": ("5. 校验并保存", "5. Validate and save"),
    "ap_validate": ("校验", "Validate"),
    "ap_save": ("保存到数据", "Save into the data"),
    "ap_problems": ("发现 {n} 个问题，请修改后重新校验：", "{n} problem(s) found; fix them and validate again:"),
    "ap_valid": (
        "校验通过：规划 {plan_id}，{n} 行数据，{parks} 个新园区。",
        "Valid: plan {plan_id}, {n} rows, {parks} new park(s).",
    ),
    "ap_conflict": (
        "保存失败：打开本页后，数据已被他人修改。未写入任何内容；请重新载入后再保存（已核对的表格会保留）。",
        "Not saved: someone changed the data after you opened this page. Nothing was written; reload, then save "
        "again (your reviewed table is kept).",
    ),
    "ap_reload": ("重新载入数据版本", "Reload the data versions"),
    "ap_saved": (
        "已保存规划 {plan_id}；原文件的旧版本保存在 data/.versions/。新规划已可在地图和同质化分析中查看。",
        "Saved plan {plan_id}; previous file versions are kept in data/.versions/. It now shows on the map and in "
        "the overlap analysis.",
    ),
    "ap_disk_error": (
        "保存失败：无法写入数据文件夹（{why}）。未写入任何内容，数据保持不变；已核对的表格会保留——请释放磁盘空间或检查权限后再保存。",
        "Not saved: the data folder could not be written ({why}). Nothing was written and the data is unchanged; "
        "your reviewed table is kept — free disk space or check permissions, then save again.",
    ),
    "ap_interrupted": (
        "保存已提交但未能完成（{why}）；下次读取数据时会自动完成。已核对的表格会保留。",
        "The save was committed but could not be completed ({why}); it is completed the next time the data is "
        "read. Your reviewed table is kept.",
    ),
    "ap_recovered": ("上次中断的保存已处理：{what}。", "An interrupted save was dealt with: {what}."),
    "ap_too_large": (
        "文件过大（{mb:.1f} MB）；规划正文最多 {limit} MB，请只保留正文文字。",
        "The file is too large ({mb:.1f} MB); a plan text may have at most {limit} MB — keep the plain text only.",
    ),
}

#: Value vocabularies shown to users (data values are Chinese; these give the English).
ROLE_LABELS: dict[str, tuple[str, str]] = {
    "lead": ("主导", "lead"),
    "specialty": ("特色", "specialty"),
    "advantage": ("优势", "advantage"),
    "focus": ("重点发展", "park focus"),
    "emerging": ("培育", "emerging"),
    "direction": ("发展方向", "direction"),
    "other": ("其他目标", "other target"),
    "total": ("总量目标", "total"),
}

QUALITY_LABELS: dict[str, tuple[str, str]] = {
    "surveyed": ("实测边界", "surveyed boundary"),
    "approximate": ("示意位置/范围", "approximate location/extent"),
    "town_seat": ("以所在镇街驻地代表", "represented by its town seat"),
    "digitised": ("在底图上勾绘的范围", "digitised on a basemap"),
    "moved": ("规划人员校正的位置", "site moved by a planner"),
}

TIER_LABELS: dict[str, tuple[str, str]] = {
    "核心引擎": ("核心引擎", "core engine"),
    "关键支撑": ("关键支撑", "key support"),
    "重要补充": ("重要补充", "important supplement"),
}

KIND_LABELS: dict[str, tuple[str, str]] = {
    "高新区": ("高新区", "high-tech zone"),
    "经开区": ("经开区", "economic development zone"),
    "工业园区": ("工业园区", "industrial park"),
    "组团": ("组团", "cluster"),
    "中小企业集聚区": ("中小企业集聚区", "SME cluster zone"),
    "产业园": ("产业园", "industrial park"),
    "综合保税区": ("综合保税区", "bonded zone"),
    "物流园": ("物流园", "logistics park"),
    "产业基地": ("产业基地", "industrial base"),
}


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def t(key: str, lang: str = DEFAULT_LANG, **fmt: object) -> str:
    """The label ``key`` in ``lang`` (``zh``/``en``), formatted with ``fmt``; the key itself if unknown.

    Parameters
    ----------
    key : str
        Label key (see :data:`LABELS`).
    lang : str
        ``zh`` (default) or ``en``.
    **fmt
        Values for ``{placeholders}``.

    Returns
    -------
    str
    """
    pair = LABELS.get(key)
    text = _pick(pair, lang) if pair else key
    return text.format(**fmt) if fmt else text


def role(value: str, lang: str = DEFAULT_LANG) -> str:
    """Display name of a ``clusters.role`` value."""
    return _pick(ROLE_LABELS[value], lang) if value in ROLE_LABELS else value


def quality(value: str, lang: str = DEFAULT_LANG) -> str:
    """Display name of a ``geometry_quality`` value."""
    return _pick(QUALITY_LABELS[value], lang) if value in QUALITY_LABELS else value


def tier(value: str, lang: str = DEFAULT_LANG) -> str:
    """Display name of a park tier (the plan's own words; known 1+3+3 tiers translated)."""
    return _pick(TIER_LABELS[value], lang) if value in TIER_LABELS else value


def kind(value: str, lang: str = DEFAULT_LANG) -> str:
    """Display name of a park kind."""
    return _pick(KIND_LABELS[value], lang) if value in KIND_LABELS else value


def field_labels(lang: str = DEFAULT_LANG) -> dict[str, str]:
    """Column → its label in ``lang`` (the workbook's ``xf_<column>`` headers), for :meth:`geo.errors.Problem.describe`."""
    return {k[3:]: _pick(v, lang) for k, v in LABELS.items() if k.startswith("xf_")}


def problem(p: Problem, lang: str = DEFAULT_LANG) -> str:
    """One problem (:class:`geo.errors.Problem`) as a line in ``lang``, its field with the people's label in Chinese."""
    return p.describe(lang, field_labels(lang) if lang == "zh" else None)


def park_name(row: object, lang: str = DEFAULT_LANG) -> str:
    """A park's name in ``lang`` (English falls back to Chinese); ``row`` is a mapping or Series."""
    get = row.get if hasattr(row, "get") else (lambda k, d="": getattr(row, k, d))  # noqa: E731
    zh, en = str(get("name_zh", "") or ""), str(get("name_en", "") or "")
    return (en or zh) if lang == "en" else (zh or en)


def district_name(zh: str, lang: str, names_en: dict[str, str]) -> str:
    """A district's name in ``lang`` given the Chinese → English mapping."""
    return names_en.get(zh, zh) if lang == "en" else zh


def fmt_yi(value: float | None, lang: str = DEFAULT_LANG) -> str:
    """A 亿元 amount, e.g. ``500亿元`` / ``RMB 50 bn`` (1 亿 = 0.1 bn); empty for missing."""
    if value is None or value != value:
        return ""
    if lang == "en":
        bn = value / 10
        return f"RMB {bn:,.0f} bn" if bn >= 100 else f"RMB {bn:,.4g} bn"
    num = f"{value:,.0f}" if value >= 100 else f"{value:,.4g}"
    return f"{num}亿元"
