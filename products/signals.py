from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from cooperatives.models import Cooperative

from .models import Certificate, Product


@receiver([post_save, post_delete], sender=Certificate)
def _certificate_changed(sender, instance, **kwargs):
    """Keep Product.stars right however a certificate changes (service, admin, import)."""
    from .services import product_sync_stars

    product_sync_stars(product_id=instance.product_id)


@receiver(post_save, sender=Cooperative)
def _cooperative_changed(sender, instance, created, raw=False, **kwargs):
    """Products are found by their producer's name and commune too: refresh their search text."""
    if created or raw:
        return
    for product in Product.objects.filter(cooperative=instance).select_related("cooperative__commune"):
        new_text = product.build_search_text()
        if new_text != product.search_text:
            Product.objects.filter(pk=product.pk).update(search_text=new_text)
