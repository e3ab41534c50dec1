"""Reference data for the classification schemes, loaded by migration (products 0002)
and by `manage.py load_classification`. Names are the official Vietnamese ones."""

import datetime

# Decision 148/QĐ-TTg (2023): 6 sectors, 26 product sets. (sector, [(group, [(code, name, slug)])])
SCHEME_2023 = {
    "code": "qd148-2023",
    "name": "Bộ tiêu chí OCOP theo Quyết định 148/QĐ-TTg (2023)",
    "valid_from": datetime.date(2023, 2, 24),
    "is_current": True,
    "sectors": [
        (
            "I",
            "Thực phẩm",
            [
                (
                    "1.1",
                    "Thực phẩm tươi sống",
                    [
                        ("01", "Rau, củ, quả, hạt tươi", "rau-cu-qua-hat-tuoi"),
                        ("02", "Thịt, thủy sản, trứng, sữa tươi", "thit-thuy-san-trung-sua-tuoi"),
                    ],
                ),
                (
                    "1.2",
                    "Thực phẩm thô, sơ chế",
                    [
                        ("03", "Gạo, ngũ cốc, hạt sơ chế khác", "gao-ngu-coc-hat-so-che-khac"),
                        (
                            "04",
                            "Mật ong, mật khác và nông sản thực phẩm khác",
                            "mat-ong-mat-khac-nong-san-thuc-pham-khac",
                        ),
                    ],
                ),
                (
                    "1.3",
                    "Thực phẩm tiện lợi",
                    [
                        ("05", "Đồ ăn nhanh", "do-an-nhanh"),
                    ],
                ),
                (
                    "1.4",
                    "Thực phẩm chế biến",
                    [
                        ("06", "Chế biến từ gạo, ngũ cốc", "che-bien-tu-gao-ngu-coc"),
                        ("07", "Chế biến từ rau, củ, quả, hạt", "che-bien-tu-rau-cu-qua-hat"),
                        (
                            "08",
                            "Chế biến từ thịt, thủy sản, trứng, sữa; các sản phẩm từ mật ong",
                            "che-bien-tu-thit-thuy-san-trung-sua",
                        ),
                    ],
                ),
                (
                    "1.5",
                    "Gia vị",
                    [
                        ("09", "Tương, nước mắm, gia vị dạng lỏng khác", "tuong-nuoc-mam-gia-vi-dang-long"),
                        ("10", "Gia vị khác (muối, hành, tỏi, tiêu…)", "gia-vi-khac"),
                    ],
                ),
                (
                    "1.6",
                    "Chè",
                    [
                        ("11", "Chè tươi, chè chế biến", "che-tuoi-che-che-bien"),
                        ("12", "Sản phẩm trà từ thực vật khác", "tra-tu-thuc-vat-khac"),
                    ],
                ),
                (
                    "1.7",
                    "Cà phê, ca cao",
                    [
                        ("13", "Sản phẩm cà phê, ca cao", "ca-phe-ca-cao"),
                    ],
                ),
            ],
        ),
        (
            "II",
            "Đồ uống",
            [
                (
                    "2.1",
                    "Đồ uống có cồn",
                    [
                        ("14", "Rượu trắng", "ruou-trang"),
                        ("15", "Đồ uống có cồn khác", "do-uong-co-con-khac"),
                    ],
                ),
                (
                    "2.2",
                    "Đồ uống không cồn",
                    [
                        (
                            "16",
                            "Nước khoáng thiên nhiên, nước uống tinh khiết đóng chai",
                            "nuoc-khoang-nuoc-uong-dong-chai",
                        ),
                        ("17", "Đồ uống không cồn khác", "do-uong-khong-con-khac"),
                    ],
                ),
            ],
        ),
        (
            "III",
            "Thảo dược",
            [
                (
                    "3.1",
                    "Thực phẩm chức năng, thuốc dược liệu, thuốc y học cổ truyền",
                    [
                        (
                            "18",
                            "Thực phẩm chức năng, thuốc dược liệu, thuốc y học cổ truyền",
                            "thuc-pham-chuc-nang-thuoc-duoc-lieu",
                        ),
                    ],
                ),
                (
                    "3.2",
                    "Mỹ phẩm",
                    [
                        ("19", "Mỹ phẩm có thành phần từ thảo dược", "my-pham-thao-duoc"),
                    ],
                ),
                (
                    "3.3",
                    "Tinh dầu và thảo dược khác",
                    [
                        ("20", "Tinh dầu và thảo dược khác", "tinh-dau-thao-duoc-khac"),
                    ],
                ),
            ],
        ),
        (
            "IV",
            "Thủ công mỹ nghệ",
            [
                (
                    "4.1",
                    "Thủ công mỹ nghệ gia dụng, trang trí",
                    [
                        ("21", "Thủ công mỹ nghệ gia dụng, trang trí", "thu-cong-my-nghe-gia-dung-trang-tri"),
                    ],
                ),
                (
                    "4.2",
                    "Dệt may",
                    [
                        ("22", "Dệt may", "det-may"),
                    ],
                ),
            ],
        ),
        (
            "V",
            "Sinh vật cảnh",
            [
                ("5.1", "Hoa", [("23", "Hoa", "hoa")]),
                ("5.2", "Cây cảnh", [("24", "Cây cảnh", "cay-canh")]),
                ("5.3", "Động vật cảnh", [("25", "Động vật cảnh", "dong-vat-canh")]),
            ],
        ),
        (
            "VI",
            "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch",
            [
                (
                    "6.1",
                    "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch",
                    [
                        (
                            "26",
                            "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch",
                            "dich-vu-du-lich-cong-dong",
                        ),
                    ],
                ),
            ],
        ),
    ],
}

# The seed plan (2019–2020) uses four groups: food, herbal, handicrafts, tourism services.
SCHEME_2019 = {
    "code": "kh-lmhtx-2019",
    "name": "Nhóm sản phẩm theo Kế hoạch OCOP của Liên minh HTX tỉnh 2019–2020",
    "valid_from": datetime.date(2019, 1, 1),
    "is_current": False,
    "sectors": [
        (
            "1",
            "Thực phẩm",
            [
                (
                    "1.1",
                    "Nông sản tươi sống và nông sản chế biến",
                    [
                        ("1.1", "Thực phẩm: nông sản tươi sống và chế biến", "kh2019-thuc-pham"),
                    ],
                ),
            ],
        ),
        (
            "2",
            "Thảo dược",
            [
                (
                    "2.1",
                    "Các sản phẩm có thành phần từ cây dược liệu",
                    [
                        ("2.1", "Thảo dược", "kh2019-thao-duoc"),
                    ],
                ),
            ],
        ),
        (
            "3",
            "Thủ công mỹ nghệ",
            [
                (
                    "3.1",
                    "Sản phẩm thủ công mỹ nghệ",
                    [
                        ("3.1", "Thủ công mỹ nghệ", "kh2019-thu-cong-my-nghe"),
                    ],
                ),
            ],
        ),
        (
            "4",
            "Dịch vụ du lịch và du lịch cộng đồng",
            [
                (
                    "4.1",
                    "Dịch vụ du lịch và du lịch cộng đồng",
                    [
                        ("4.1", "Dịch vụ du lịch", "kh2019-dich-vu-du-lich"),
                    ],
                ),
            ],
        ),
    ],
}

SERVICE_SET_CODES = {("qd148-2023", "26"), ("kh-lmhtx-2019", "4.1")}

QUALITY_STANDARDS = [
    ("vietgap", "VietGAP"),
    ("globalgap", "GlobalGAP"),
    ("organic", "Hữu cơ (Organic)"),
    ("iso-22000", "ISO 22000"),
    ("haccp", "HACCP"),
    ("iso-9001", "ISO 9001"),
    ("gmp", "GMP"),
    ("vietgahp", "VietGAHP"),
]


def classification_load(*, scheme_model, sector_model, group_model, set_model, standard_model) -> None:
    """Create or update both schemes and the quality standards (idempotent)."""
    for spec in (SCHEME_2023, SCHEME_2019):
        scheme, _ = scheme_model.objects.update_or_create(
            code=spec["code"],
            defaults={"name": spec["name"], "valid_from": spec["valid_from"], "is_current": spec["is_current"]},
        )
        for s_pos, (s_code, s_name, groups) in enumerate(spec["sectors"]):
            sector, _ = sector_model.objects.update_or_create(
                scheme=scheme, code=s_code, defaults={"name": s_name, "position": s_pos}
            )
            for g_pos, (g_code, g_name, sets) in enumerate(groups):
                group, _ = group_model.objects.update_or_create(
                    sector=sector, code=g_code, defaults={"name": g_name, "position": g_pos}
                )
                for p_pos, (p_code, p_name, slug) in enumerate(sets):
                    set_model.objects.update_or_create(
                        group=group,
                        code=p_code,
                        defaults={
                            "name": p_name,
                            "slug": slug,
                            "position": int(p_code.replace(".", "")) if p_code.replace(".", "").isdigit() else p_pos,
                            "is_service": (spec["code"], p_code) in SERVICE_SET_CODES,
                        },
                    )
    for code, name in QUALITY_STANDARDS:
        standard_model.objects.update_or_create(code=code, defaults={"name": name})


# English labels of the official classification, shown on /en/ (products 0005 fills them in).
# Keyed by (scheme code, level, code); level is "sector", "group" or "set".
ENGLISH_NAMES = {
    ("qd148-2023", "sector", "I"): "Food",
    ("qd148-2023", "group", "1.1"): "Fresh food",
    ("qd148-2023", "set", "01"): "Fresh vegetables, tubers, fruit and nuts",
    ("qd148-2023", "set", "02"): "Fresh meat, fish and seafood, eggs and milk",
    ("qd148-2023", "group", "1.2"): "Raw and pre-processed food",
    ("qd148-2023", "set", "03"): "Rice, cereals and other pre-processed grains",
    ("qd148-2023", "set", "04"): "Honey, other syrups and other farm foods",
    ("qd148-2023", "group", "1.3"): "Convenience food",
    ("qd148-2023", "set", "05"): "Fast food",
    ("qd148-2023", "group", "1.4"): "Processed food",
    ("qd148-2023", "set", "06"): "Made from rice and cereals",
    ("qd148-2023", "set", "07"): "Made from vegetables, tubers, fruit and nuts",
    ("qd148-2023", "set", "08"): "Made from meat, fish and seafood, eggs and milk; honey products",
    ("qd148-2023", "group", "1.5"): "Condiments",
    ("qd148-2023", "set", "09"): "Soy sauce, fish sauce and other liquid condiments",
    ("qd148-2023", "set", "10"): "Other condiments (salt, shallots, garlic, pepper…)",
    ("qd148-2023", "group", "1.6"): "Tea",
    ("qd148-2023", "set", "11"): "Fresh and processed tea",
    ("qd148-2023", "set", "12"): "Herbal teas from other plants",
    ("qd148-2023", "group", "1.7"): "Coffee and cocoa",
    ("qd148-2023", "set", "13"): "Coffee and cocoa products",
    ("qd148-2023", "sector", "II"): "Beverages",
    ("qd148-2023", "group", "2.1"): "Alcoholic drinks",
    ("qd148-2023", "set", "14"): "Rice spirits",
    ("qd148-2023", "set", "15"): "Other alcoholic drinks",
    ("qd148-2023", "group", "2.2"): "Soft drinks",
    ("qd148-2023", "set", "16"): "Natural mineral water and bottled drinking water",
    ("qd148-2023", "set", "17"): "Other soft drinks",
    ("qd148-2023", "sector", "III"): "Herbal products",
    ("qd148-2023", "group", "3.1"): "Functional foods, herbal and traditional medicines",
    ("qd148-2023", "set", "18"): "Functional foods, herbal and traditional medicines",
    ("qd148-2023", "group", "3.2"): "Cosmetics",
    ("qd148-2023", "set", "19"): "Cosmetics with herbal ingredients",
    ("qd148-2023", "group", "3.3"): "Essential oils and other herbal products",
    ("qd148-2023", "set", "20"): "Essential oils and other herbal products",
    ("qd148-2023", "sector", "IV"): "Handicrafts",
    ("qd148-2023", "group", "4.1"): "Household and decorative handicrafts",
    ("qd148-2023", "set", "21"): "Household and decorative handicrafts",
    ("qd148-2023", "group", "4.2"): "Textiles and garments",
    ("qd148-2023", "set", "22"): "Textiles and garments",
    ("qd148-2023", "sector", "V"): "Ornamental plants and animals",
    ("qd148-2023", "group", "5.1"): "Flowers",
    ("qd148-2023", "set", "23"): "Flowers",
    ("qd148-2023", "group", "5.2"): "Ornamental plants and bonsai",
    ("qd148-2023", "set", "24"): "Ornamental plants and bonsai",
    ("qd148-2023", "group", "5.3"): "Ornamental animals",
    ("qd148-2023", "set", "25"): "Ornamental animals",
    ("qd148-2023", "sector", "VI"): "Community tourism, eco-tourism and tourist sites",
    ("qd148-2023", "group", "6.1"): "Community tourism, eco-tourism and tourist sites",
    ("qd148-2023", "set", "26"): "Community tourism, eco-tourism and tourist sites",
    ("kh-lmhtx-2019", "sector", "1"): "Food",
    ("kh-lmhtx-2019", "group", "1.1"): "Fresh and processed farm produce",
    ("kh-lmhtx-2019", "set", "1.1"): "Food: fresh and processed farm produce",
    ("kh-lmhtx-2019", "sector", "2"): "Herbal products",
    ("kh-lmhtx-2019", "group", "2.1"): "Products made with medicinal plants",
    ("kh-lmhtx-2019", "set", "2.1"): "Herbal products",
    ("kh-lmhtx-2019", "sector", "3"): "Handicrafts",
    ("kh-lmhtx-2019", "group", "3.1"): "Handicraft products",
    ("kh-lmhtx-2019", "set", "3.1"): "Handicrafts",
    ("kh-lmhtx-2019", "sector", "4"): "Tourism and community tourism services",
    ("kh-lmhtx-2019", "group", "4.1"): "Tourism and community tourism services",
    ("kh-lmhtx-2019", "set", "4.1"): "Tourism services",
}


def classification_english_fill(*, sector_model, group_model, set_model, overwrite: bool = False) -> None:
    """Give the official classification its English labels (idempotent). A label staff have
    typed is kept unless `overwrite`."""
    levels = {
        "sector": (sector_model, "scheme__code"),
        "group": (group_model, "sector__scheme__code"),
        "set": (set_model, "group__sector__scheme__code"),
    }
    for (scheme_code, level, code), name_en in ENGLISH_NAMES.items():
        model, scheme_lookup = levels[level]
        rows = model.objects.filter(**{scheme_lookup: scheme_code, "code": code})
        if not overwrite:
            rows = rows.filter(name_en="")
        rows.update(name_en=name_en)
